import Foundation
import ResettleCore
import Vapor

/// JSON shapes of the API. Keys are snake_case; the OpenAPI document describes exactly these.
struct PersonSummaryDTO: Content {
    var id: UUID
    var id_number: String
    var name: String
    var sex: String
    var township_code: String
    var village_code: String
    var status: String
    /// Derived from `status` and the support window on today's date (`SupportState`); absent
    /// where the list was read without the window (the people search).
    var support_state: String?

    init(_ p: Person) {
        id = p.id!
        id_number = p.idNumber
        name = p.name
        sex = p.sex
        township_code = p.townshipCode
        village_code = p.villageCode
        status = p.status
        support_state = p.supportState().rawValue
    }

    init(_ s: PersonSummary) {
        id = s.id
        id_number = s.id_number
        name = s.name
        sex = s.sex
        township_code = s.township_code
        village_code = s.village_code
        status = s.status
    }
}

struct PersonDetailDTO: Content {
    var id: UUID
    var id_number: String
    var name: String
    var sex: String
    var birth_date: String
    var relation: String
    var household_id: UUID
    var township_code: String
    var village_code: String
    var group_code: String?
    var reservoir: String
    var resettlement_type: String
    var move_completed_on: String?
    var support_start: String
    var support_end: String
    var status: String
    /// Derived from `status` and the support window on today's date (`SupportState`): `status`
    /// stays what the register holds.
    var support_state: String
    var status_effective: String?
    var bank_name: String?
    var card_number: String?
    var phone: String?
    var status_history: [StatusEventDTO]

    init(_ p: Person, reservoir: String, events: [PersonStatusEvent]) {
        id = p.id!
        id_number = p.idNumber
        name = p.name
        sex = p.sex
        birth_date = p.birthDate
        relation = p.relation
        household_id = p.householdID
        township_code = p.townshipCode
        village_code = p.villageCode
        group_code = p.groupCode
        self.reservoir = reservoir
        resettlement_type = p.resettlementType
        move_completed_on = p.moveCompletedOn
        support_start = p.supportStart
        support_end = p.supportEnd
        status = p.status
        support_state = p.supportState().rawValue
        status_effective = p.statusEffective
        bank_name = p.bankName
        card_number = p.cardNumber
        phone = p.phone
        status_history = events.map(StatusEventDTO.init)
    }
}

struct StatusEventDTO: Content {
    var status: String
    var effective_period: String
    var effective_from: String
    var note: String

    init(_ e: PersonStatusEvent) {
        status = e.status
        effective_period = e.effectivePeriod
        effective_from = e.effectiveFrom
        note = e.note
    }
}

struct HouseholdDTO: Content {
    var id: UUID
    var head_id_number: String
    var township_code: String
    var village_code: String
    var group_code: String?
    var members: [PersonSummaryDTO]
}

struct PageDTO<Item: Content>: Content {
    var total: Int
    var page: Int
    var per_page: Int
    var items: [Item]
}

struct ChangeDTO: Content {
    var id: UUID
    var person_id: UUID
    var township_code: String
    var kind: String
    var reason: String?
    var reason_text: String
    var evidence: String
    var corrections: [String: [String: String]]
    var notice_start: String
    var notice_end: String
    /// Why the notice started before the request was filed; absent when it did not.
    var notice_reason: String?
    /// The day of the event behind a reduction for a dated reason.
    var event_date: String?
    var status: String
    /// 公示中 and 待乡镇审核 told apart (see `ChangeStage`), the others as `status`.
    var stage: String
    var submitted_by: String
    var submitted_on: String
    var decided_on: String?
    var effective_period: String?
    var steps: [ChangeStepDTO]?

    init(_ c: ChangeRequest, steps: [ChangeStep]? = nil) {
        id = c.id!
        person_id = c.personID
        township_code = c.townshipCode
        kind = c.kind
        reason = c.reason
        reason_text = c.reasonText
        evidence = c.evidence
        corrections =
            (try? JSONDecoder().decode([String: [String: String]].self, from: Data(c.changesJSON.utf8))) ?? [:]
        notice_start = c.noticeStart
        notice_end = c.noticeEnd
        notice_reason = c.noticeReason
        event_date = c.eventDate
        status = c.status
        stage = c.stage().rawValue
        submitted_by = c.submittedByName
        submitted_on = c.submittedOn
        decided_on = c.decidedOn
        effective_period = c.effectivePeriod
        self.steps = steps?.map(ChangeStepDTO.init)
    }
}

struct ChangeStepDTO: Content {
    var action: String
    var from_status: String
    var to_status: String
    var actor: String
    var opinion: String
    var acted_on: String

    init(_ s: ChangeStep) {
        action = s.action
        from_status = s.fromStatus
        to_status = s.toStatus
        actor = s.actorName
        opinion = s.opinion
        acted_on = s.actedOn
    }
}

struct CreateChangeDTO: Content {
    var person: String
    var kind: String
    var reason: String?
    var reason_text: String?
    var evidence: String?
    var notice_start: String
    var notice_end: String
    var notice_reason: String?
    var event_date: String?
    var corrections: [String: String]?
}

struct ChangeActionDTO: Content {
    var action: String
    var opinion: String?
}
