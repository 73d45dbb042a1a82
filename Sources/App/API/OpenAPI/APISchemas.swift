import Foundation
import OpenAPIKit
import ResettleCore

// The schemas of the API's JSON, one beside each DTO of APIModels.swift and
// PaymentsAPIController.swift. The codes' values are the Swift enums' `allCases`.

extension PersonStatus: OpenAPIEnum { static var componentName: String { "PersonStatus" } }
extension Sex: OpenAPIEnum { static var componentName: String { "Sex" } }
extension HouseholdRelation: OpenAPIEnum { static var componentName: String { "HouseholdRelation" } }
extension ResettlementType: OpenAPIEnum { static var componentName: String { "ResettlementType" } }
extension ChangeKind: OpenAPIEnum { static var componentName: String { "ChangeKind" } }
extension ReductionReason: OpenAPIEnum { static var componentName: String { "ReductionReason" } }
extension ChangeStatus: OpenAPIEnum { static var componentName: String { "ChangeStatus" } }
extension ChangeStage: OpenAPIEnum { static var componentName: String { "ChangeStage" } }
extension ChangeAction: OpenAPIEnum { static var componentName: String { "ChangeAction" } }
extension SupportState: OpenAPIEnum { static var componentName: String { "SupportState" } }
extension PaymentRoll.Status: OpenAPIEnum { static var componentName: String { "RollStatus" } }

extension PersonSummaryDTO: OpenAPIObject {
    static var componentName: String { "PersonSummary" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("id", \.id)
            .property("id_number", \.id_number, "18-character resident ID number")
            .property("name", \.name)
            .text("sex", \.sex, .code(Sex.self))
            .property("township_code", \.township_code)
            .property("village_code", \.village_code)
            .text("status", \.status, .code(PersonStatus.self))
            .text(
                "support_state", \.support_state, .code(SupportState.self),
                "derived from `status` and the support window on today's date (`expired`: 扶持期满); absent in search results"
            )
    }
}

extension PersonDetailDTO: OpenAPIObject {
    static var componentName: String { "PersonDetail" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("id", \.id)
            .property("id_number", \.id_number, "18-character resident ID number")
            .property("name", \.name)
            .text("sex", \.sex, .code(Sex.self))
            .text("birth_date", \.birth_date, .date)
            .text("relation", \.relation, .code(HouseholdRelation.self), "relation to the head of the household")
            .property("household_id", \.household_id)
            .property("township_code", \.township_code)
            .property("village_code", \.village_code)
            .property("group_code", \.group_code)
            .property("reservoir", \.reservoir, "name of the reservoir")
            .text("resettlement_type", \.resettlement_type, .code(ResettlementType.self))
            .text("move_completed_on", \.move_completed_on, .date, "relocated people only")
            .text("support_start", \.support_start, .date)
            .text("support_end", \.support_end, .date)
            .text("status", \.status, .code(PersonStatus.self), "as the register holds it")
            .text(
                "support_state", \.support_state, .code(SupportState.self),
                "derived from `status` and the support window on today's date: `expired` (扶持期满) once `support_end` has passed, `not_started` before `support_start`; the register's `status` is unchanged"
            )
            .text("status_effective", \.status_effective, .period, "the period from which `status` applies")
            .property("bank_name", \.bank_name)
            .property("card_number", \.card_number)
            .property("phone", \.phone)
            .property("status_history", \.status_history, "oldest first")
    }
}

extension StatusEventDTO: OpenAPIObject {
    static var componentName: String { "StatusEvent" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .text("status", \.status, .code(PersonStatus.self))
            .text("effective_period", \.effective_period, .period)
            .text("effective_from", \.effective_from, .date)
            .property("note", \.note)
    }
}

extension HouseholdDTO: OpenAPIObject {
    static var componentName: String { "Household" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("id", \.id)
            .property("head_id_number", \.head_id_number)
            .property("township_code", \.township_code)
            .property("village_code", \.village_code)
            .property("group_code", \.group_code)
            .property("members", \.members, "the members the user may see, oldest first")
    }
}

extension PageDTO: OpenAPIComponent, OpenAPIValue, OpenAPIObject where Item: OpenAPIObject {
    static var componentName: String { Item.componentName + "Page" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("total", \.total, "rows matching, on all pages")
            .property("page", \.page)
            .property("per_page", \.per_page)
            .property("items", \.items)
    }
}

extension ItemsDTO: OpenAPIComponent, OpenAPIValue, OpenAPIObject where Item: OpenAPIObject {
    static var componentName: String { Item.componentName + "List" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema().property("items", \.items)
    }
}

extension ChangeDTO: OpenAPIObject {
    static var componentName: String { "Change" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("id", \.id)
            .property("person_id", \.person_id)
            .property("township_code", \.township_code)
            .text("kind", \.kind, .code(ChangeKind.self))
            .text("reason", \.reason, .code(ReductionReason.self), "reductions only")
            .property("reason_text", \.reason_text)
            .property("evidence", \.evidence)
            .keyed(
                "corrections", \.corrections, by: ChangeService.CorrectableField.self, complete: false,
                values: ObjectSchema<ChangeDTO>.keyedObject(
                    ["old", "new"], complete: true, values: String.openAPISchema),
                "corrections only: field → its old and new value"
            )
            .text("notice_start", \.notice_start, .date)
            .text("notice_end", \.notice_end, .date)
            .property(
                "notice_reason", \.notice_reason,
                "why the notice started before the request was filed; absent when it did not"
            )
            .text(
                "event_date", \.event_date, .date,
                "reductions for a dated reason (death, employment, promotion, conversion, sentence, marriage): the day of the event"
            )
            .text("status", \.status, .code(ChangeStatus.self))
            .text(
                "stage", \.stage, .code(ChangeStage.self),
                "the status as staff read it: noticePosted is noticing through the notice's last day, then awaitingTownship"
            )
            .property("submitted_by", \.submitted_by, "display name of the submitter")
            .text("submitted_on", \.submitted_on, .date)
            .text("decided_on", \.decided_on, .date, "absent until approved, rejected or withdrawn")
            .text("effective_period", \.effective_period, .period, "approved changes only")
            .property("steps", \.steps, "review steps, oldest first; absent in lists")
    }
}

extension ChangeStepDTO: OpenAPIObject {
    static var componentName: String { "ChangeStep" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .text("action", \.action, .code(ChangeAction.self))
            .text("from_status", \.from_status, .code(ChangeStatus.self))
            .text("to_status", \.to_status, .code(ChangeStatus.self))
            .property("actor", \.actor, "display name")
            .property("opinion", \.opinion)
            .text("acted_on", \.acted_on, .date)
    }
}

extension CreateChangeDTO: OpenAPIObject {
    static var componentName: String { "CreateChange" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema(.request, "A reduction, restoration or correction; additions are entered on the page 新增移民.")
            .property("person", \.person, "record id or resident ID number")
            .text("kind", \.kind, .values(ChangeKind.allCases.filter { $0 != .addition }.map(\.rawValue)))
            .text("reason", \.reason, .code(ReductionReason.self), "required for reductions")
            .property("reason_text", \.reason_text, "required when reason is `other`")
            .property("evidence", \.evidence)
            .text("notice_start", \.notice_start, .date)
            .text("notice_end", \.notice_end, .date)
            .property("notice_reason", \.notice_reason, "required when notice_start is before the day of filing")
            .text(
                "event_date", \.event_date, .date,
                "the day of the event: required for a reduction whose reason is death, publicEmployment, officerPromotion, nonAgricultural, imprisonment or marriedOut"
            )
            .keyed(
                "corrections", \.corrections, by: ChangeService.CorrectableField.self, complete: false,
                "corrections only: field → new value")
    }
}

extension ChangeActionDTO: OpenAPIObject {
    static var componentName: String { "ActOnChange" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema(.request)
            .text("action", \.action, .code(ChangeAction.self))
            .property("opinion", \.opinion, "required when rejecting")
    }
}

extension PaymentsAPIController.GenerateDTO: OpenAPIObject {
    static var componentName: String { "GenerateRoll" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema(.request).text("period", \.period, .period)
    }
}

extension RollDTO: OpenAPIObject {
    static var componentName: String { "Roll" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("id", \.id)
            .text("period", \.period, .period)
            .text("status", \.status, .code(PaymentRoll.Status.self))
            .property("amount_per_period_fen", \.amount_per_period_fen)
            .text("policy_effective_from", \.policy_effective_from, .date)
            .property("line_count", \.line_count, "payees")
            .property("total_fen", \.total_fen)
            .property("excluded_count", \.excluded_count)
            .property(
                "township_code", \.township_code,
                "the township line_count, total_fen and excluded_count are counted for (a township user's); absent when they are the whole county's"
            )
            .property("generated_by", \.generated_by)
            .property("approved_by", \.approved_by)
    }
}

extension RollDetailDTO.Total: OpenAPIObject {
    static var componentName: String { "RollVillageTotal" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("township_code", \.township_code)
            .property("village_code", \.village_code)
            .property("people", \.people)
            .property("amount_fen", \.amount_fen)
    }
}

extension RollDetailDTO: OpenAPIObject {
    static var componentName: String { "RollDetail" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("roll", \.roll)
            .property("totals", \.totals, "payees and money by village")
            .keyed(
                "exclusions", \.exclusions, by: IneligibilityReason.self, complete: false, "people not paid, by reason")
    }
}

extension ReconciliationDTO: OpenAPIObject {
    static var componentName: String { "Reconciliation" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("id", \.id)
            .property("roll_id", \.roll_id)
            .property("file_name", \.file_name)
            .property("sha256", \.sha256)
            .property("row_count", \.row_count)
            .property("failed_count", \.failed_count)
            .property("paid_fen", \.paid_fen)
            .property("difference_count", \.difference_count)
            .property("exact_match", \.exact_match)
            .keyed("counts", \.counts, by: ReconciliationDifference.Kind.self, complete: true, "differences by kind")
    }
}

extension ResettleErrorMiddleware.APIError {
    /// The body of every error answer under /api; `codes` are the values `error` takes.
    static func schema(codes: [String]) -> JSONSchema {
        ObjectSchema<Self>()
            .text("error", \.error, .values(codes))
            .property("message", \.message, "in Chinese, for the user")
            .schema
    }
}
