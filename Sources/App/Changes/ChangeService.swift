import Fluent
import Foundation
import ResettleCore
import SQLKit

/// Submits change requests and moves them through notice, township review and county
/// approval. Every step writes a `ChangeStep` and an audit row in the same transaction; on
/// approval the person's status changes from the next payment period, recorded as a new
/// `PersonStatusEvent`, never by overwriting history.
struct ChangeService {
    let db: any Database
    let gate: WriteGate
    let user: User
    var today: CivilDate = .today()

    var scope: AccessScope { AccessScope(user: user) }

    struct Submission: Sendable {
        var kind: ChangeKind
        var reason: ReductionReason?
        var reasonText: String = ""
        var evidence: String = ""
        var noticeStart: CivilDate
        var noticeEnd: CivilDate
        /// Why the notice started before the request was filed; required exactly then.
        var noticeReason: String = ""
        /// The day of the event behind a reduction for a dated reason (`isDatedEvent`).
        var eventDate: CivilDate? = nil
        /// Corrections: field → new value (fields in `CorrectableField`).
        var corrections: [String: String] = [:]
    }

    /// Fields a correction may change, with their labels.
    enum CorrectableField: String, CaseIterable, Sendable {
        case name
        case bankName = "bank_name"
        case cardNumber = "card_number"
        case phone

        var chinese: String {
            switch self {
            case .name: return "姓名"
            case .bankName: return "开户银行"
            case .cardNumber: return "银行卡号"
            case .phone: return "联系电话"
            }
        }
    }

    func submit(_ s: Submission, for person: Person) async throws -> ChangeRequest {
        guard user.roleValue.canEditRegister else { throw ResettleError.forbidden }
        guard scope.allows(townshipCode: person.townshipCode) else { throw ResettleError.notFound }
        guard ChangeWorkflow.isApplicable(s.kind, to: person.personStatus) else {
            throw ResettleError.invalidInput(
                "\(person.name)当前状态为“\(person.personStatus.chinese)”，不能申请“\(s.kind.chinese)”")
        }
        try await validateNotice(start: s.noticeStart, end: s.noticeEnd, reason: s.noticeReason)
        if s.kind == .reduction {
            guard let reason = s.reason else { throw ResettleError.invalidField("请选择调减原因", field: "reason") }
            if reason.needsText && s.reasonText.trimmingIDWhitespace().isEmpty {
                throw ResettleError.invalidField("调减原因为“其他”时须填写具体原因", field: "reason_text")
            }
            if let event = s.eventDate {
                guard reason.isDatedEvent else {
                    throw ResettleError.invalidField("“\(reason.chinese)”没有事件日期，请留空", field: "event_date")
                }
                guard event <= today else {
                    throw ResettleError.invalidField("事件日期\(event.chinese)晚于今天", field: "event_date")
                }
                guard event.year >= 1950 else {
                    throw ResettleError.invalidField("事件日期\(event.chinese)不合理", field: "event_date")
                }
            }
        }
        var changes: [String: [String: String]] = [:]
        if s.kind == .correction {
            for (key, value) in s.corrections {
                guard let field = CorrectableField(rawValue: key) else {
                    throw ResettleError.invalidInput("不能更正字段“\(key)”")
                }
                var new = value.trimmingIDWhitespace()
                if field == .cardNumber && !new.isEmpty {
                    switch BankCard.check(new) {
                    case .valid(let digits), .luhnFailed(let digits): new = digits
                    case .invalid:
                        throw ResettleError.invalidField("银行卡号应为12至19位数字", field: "correct_card_number")
                    }
                }
                let old = field.value(of: person) ?? ""
                if new == old { continue }
                if field == .name && new.isEmpty {
                    throw ResettleError.invalidField("姓名不能为空", field: "correct_name")
                }
                changes[key] = ["old": old, "new": new]
            }
            guard !changes.isEmpty else { throw ResettleError.invalidInput("没有需要更正的内容") }
        }
        let personID = try person.requireID()
        let corrections = changes
        return try await gate.write(on: db) { tx, audit in
            let open = try await ChangeRequest.query(on: tx).filter(\.$personID == personID)
                .filter(\.$status ~~ [ChangeStatus.noticePosted.rawValue, ChangeStatus.awaitingCounty.rawValue]).count()
            guard open == 0 else { throw ResettleError.conflict("\(person.name)已有一条未办结的变更申请，请先办结") }
            let change = ChangeRequest()
            change.personID = personID
            change.townshipCode = person.townshipCode
            change.kind = s.kind.rawValue
            change.reason = s.kind == .reduction ? s.reason?.rawValue : nil
            change.reasonText = s.reasonText.trimmingIDWhitespace()
            change.evidence = s.evidence.trimmingIDWhitespace()
            change.changesJSON = AuditLog.canonicalJSON(corrections)
            change.noticeStart = s.noticeStart.iso
            change.noticeEnd = s.noticeEnd.iso
            let noticeReason = s.noticeReason.trimmingIDWhitespace()
            change.noticeReason = noticeReason.isEmpty ? nil : noticeReason
            change.eventDate = s.kind == .reduction ? s.eventDate?.iso : nil
            change.status = ChangeStatus.noticePosted.rawValue
            change.submittedBy = try user.requireID()
            change.submittedByName = user.displayName
            change.submittedOn = today.iso
            try await change.create(on: tx)
            audit.record(
                actor: user.username, action: "change.submit", entity: "change_request",
                entityID: change.id!.uuidString, townshipCode: person.townshipCode, before: nil,
                after: ChangeSnapshot(change))
            return change
        }
    }

    /// The day of the event a filing gives (a form field or the API's `event_date`), read and
    /// required for a reduction whose reason is a dated event; nil for every other kind.
    static func eventDate(_ raw: String?, kind: ChangeKind, reason: ReductionReason?) throws -> CivilDate? {
        guard kind == .reduction else { return nil }
        let text = (raw ?? "").trimmingIDWhitespace()
        guard !text.isEmpty else {
            if let reason, reason.isDatedEvent {
                throw ResettleError.invalidField("请填写\(reason.chinese)的日期（以证明材料为准）", field: "event_date")
            }
            return nil
        }
        guard let date = CivilDate(parsing: text) else {
            throw ResettleError.invalidField("事件日期“\(text)”不是有效日期", field: "event_date")
        }
        return date
    }

    /// The notice's length and, when it started before today's filing, its recorded reason.
    func validateNotice(start: CivilDate, end: CivilDate, reason: String) async throws {
        let minimum = try await OfficeSetting.noticeMinimumDays.int(on: db)
        do {
            try ChangeWorkflow.validateNotice(
                start: start, end: end, minimumDays: minimum, filedOn: today, earlyStartReason: reason)
        } catch {
            // The field the staff member changes to put it right.
            let field =
                switch error {
                case .noticeStartsBeforeFiling: "notice_reason"
                default: "notice_end"
                }
            throw ResettleError.invalidField(error.message, field: field)
        }
    }

    func act(_ action: ChangeAction, on change: ChangeRequest, opinion: String) async throws -> ChangeRequest {
        guard scope.allows(townshipCode: change.townshipCode) else { throw ResettleError.notFound }
        let role = user.roleValue
        switch action {
        case .townshipApprove, .townshipReject: guard role.canReviewAsTownship else { throw ResettleError.forbidden }
        case .countyApprove, .countyReject: guard role.canApproveAsCounty else { throw ResettleError.forbidden }
        case .withdraw: guard change.submittedBy == user.id || role == .admin else { throw ResettleError.forbidden }
        }
        guard let noticeEnd = CivilDate(parsing: change.noticeEnd) else { throw ResettleError.conflict("公示日期无效") }
        let changeID = try change.requireID()
        let periodsPerYear = try await OfficeSetting.periodsPerYear.int(on: db)
        return try await gate.write(on: db) { tx, audit in
            // Re-read inside the transaction: two leaders clicking at once must not both act.
            guard let current = try await ChangeRequest.find(changeID, on: tx) else { throw ResettleError.notFound }
            let before = ChangeSnapshot(current)
            let from = current.statusValue
            // Who reviewed is read from the steps, not the form, inside the same transaction.
            let reviewer = try await ChangeStep.query(on: tx).filter(\.$changeRequestID == changeID)
                .filter(\.$action == ChangeAction.townshipApprove.rawValue).first()?.actorID
            let actorID = try user.requireID()
            let to: ChangeStatus
            do throws(ChangeWorkflowError) {
                to = try ChangeWorkflow.apply(
                    action, to: from, by: actorID, submitter: current.submittedBy, townshipReviewer: reviewer,
                    today: today, noticeEnd: noticeEnd, opinion: opinion)
            } catch {
                throw ResettleError.conflict(error.message)
            }
            let step = ChangeStep()
            step.changeRequestID = changeID
            step.action = action.rawValue
            step.fromStatus = from.rawValue
            step.toStatus = to.rawValue
            step.actorID = actorID
            step.actorName = user.displayName
            step.opinion = opinion.trimmingIDWhitespace()
            step.actedOn = today.iso
            try await step.create(on: tx)
            current.status = to.rawValue
            if to.isFinal { current.decidedOn = today.iso }
            if to == .approved {
                let period = PaymentPeriod.effectivePeriod(approvedOn: today, periodsPerYear: periodsPerYear)
                current.effectivePeriod = period.label
                try await applyApproved(current, period: period, on: tx)
            }
            try await current.update(on: tx)
            audit.record(
                actor: user.username, action: "change.\(action.rawValue)", entity: "change_request",
                entityID: changeID.uuidString, townshipCode: current.townshipCode, before: before,
                after: ChangeSnapshot(current))
            return current
        }
    }

    /// The approved change reaches the register: a status event from the effective period, and
    /// for corrections the new field values (the old ones stay in the request and the audit).
    private func applyApproved(_ change: ChangeRequest, period: PaymentPeriod, on tx: any Database) async throws {
        guard let person = try await Person.find(change.personID, on: tx) else { throw ResettleError.notFound }
        let before = PersonSnapshot(person)
        let newStatus = ChangeWorkflow.resultingStatus(
            kind: change.kindValue, reason: change.reasonValue, current: person.personStatus)
        if change.kindValue == .correction {
            let changes =
                (try? JSONDecoder().decode([String: [String: String]].self, from: Data(change.changesJSON.utf8))) ?? [:]
            for (key, value) in changes {
                CorrectableField(rawValue: key)?.set(value["new"] ?? "", on: person)
            }
        } else {
            person.status = newStatus.rawValue
            person.statusEffective = period.label
            let event = PersonStatusEvent()
            event.personID = try person.requireID()
            event.townshipCode = person.townshipCode
            event.status = newStatus.rawValue
            event.effectiveFrom = period.start.iso
            event.effectivePeriod = period.label
            event.changeRequestID = change.id
            event.eventDate = change.eventDate
            event.note = change.kindValue.chinese + (change.reasonValue.map { "（\($0.chinese)）" } ?? "")
            try await event.create(on: tx)
        }
        try await person.update(on: tx)
        try await AuditLog.append(
            actor: user.username, action: "person.\(change.kind)", entity: "person", entityID: person.idNumber,
            townshipCode: person.townshipCode, before: before, after: PersonSnapshot(person), on: tx)
    }
}

extension ChangeService.CorrectableField {
    func value(of person: Person) -> String? {
        switch self {
        case .name: return person.name
        case .bankName: return person.bankName
        case .cardNumber: return person.cardNumber
        case .phone: return person.phone
        }
    }

    func set(_ value: String, on person: Person) {
        let optional = value.isEmpty ? nil : value
        switch self {
        case .name: person.name = value
        case .bankName: person.bankName = optional
        case .cardNumber: person.cardNumber = optional
        case .phone: person.phone = optional
        }
    }
}

/// What the audit trail records of a change request.
struct ChangeSnapshot: Codable, Sendable {
    var id: String
    var personID: String
    var kind: String
    var reason: String?
    var reasonText: String
    var status: String
    var noticeStart: String
    var noticeEnd: String
    var noticeReason: String?
    var eventDate: String?
    var effectivePeriod: String?
    var changes: String

    init(_ c: ChangeRequest) {
        id = c.id?.uuidString ?? ""
        personID = c.personID.uuidString
        kind = c.kind
        reason = c.reason
        reasonText = c.reasonText
        status = c.status
        noticeStart = c.noticeStart
        noticeEnd = c.noticeEnd
        noticeReason = c.noticeReason
        eventDate = c.eventDate
        effectivePeriod = c.effectivePeriod
        changes = c.changesJSON
    }
}

/// What the audit trail records of a person.
struct PersonSnapshot: Codable, Sendable {
    var idNumber: String
    var name: String
    var status: String
    var statusEffective: String?
    var bankName: String?
    var cardNumber: String?
    var phone: String?
    var townshipCode: String
    var villageCode: String

    init(_ p: Person) {
        idNumber = p.idNumber
        name = p.name
        status = p.status
        statusEffective = p.statusEffective
        bankName = p.bankName
        cardNumber = p.cardNumber
        phone = p.phone
        townshipCode = p.townshipCode
        villageCode = p.villageCode
    }
}
