import Fluent
import Foundation
import ResettleCore
import Vapor

/// Every step of a petition after its registration. Each step is checked against the procedure
/// (`PetitionProcedure.check…`), written with its timeline line and its audit entry in one
/// transaction, or refused whole with the reason.
struct PetitionService: Sendable {
    let db: any Database
    let gate: WriteGate
    let user: User
    let today: CivilDate

    /// Runs one of the procedure's checks; its refusal is shown under the form's `field`.
    private func checked(field: String = "day", _ check: () throws -> Void) throws {
        do { try check() } catch let error as PetitionProcedureError {
            throw ResettleError.invalidField(error.message, field: field)
        }
    }

    /// Loads the petition inside the write, checks the role and township, lets `body` change it,
    /// then stores the stage the dates now give, a timeline line and an audit entry.
    private func step(
        _ petitionID: UUID, roles: Set<Role> = PetitionAccess.handle, kind: PetitionEventKind,
        _ body:
            @escaping @Sendable (Petition, PetitionProcedure, any Database) async throws -> (day: String, text: String)
    ) async throws -> Petition {
        guard roles.contains(user.roleValue) else { throw ResettleError.forbidden }
        let scope = AccessScope(user: user)
        let rules = try await PetitionRules.load(on: db)
        let actor = user.username
        return try await gate.write(on: db) { tx, audit in
            guard let petition = try await Petition.find(petitionID, on: tx),
                scope.allows(townshipCode: petition.townshipCode)
            else { throw ResettleError.notFound }
            let line = try await body(petition, petition.procedure(rules), tx)
            petition.stage = petition.procedure(rules).stage.rawValue
            try await petition.save(on: tx)
            try await PetitionEvent(
                petitionID: petitionID, day: line.day, kind: kind, text: line.text, actor: actor
            ).create(on: tx)
            audit.record(
                actor: actor, action: "petition." + kind.rawValue, entity: "petition", entityID: petition.number,
                townshipCode: petition.townshipCode, before: nil,
                after: AuditedStep(day: line.day, stage: petition.stage, text: petition.restricted ? nil : line.text))
            return petition
        }
    }

    private struct AuditedStep: Codable, Sendable {
        var day: String
        var stage: String
        var text: String?
    }

    /// The written decision on acceptance (受理告知), on `day`.
    func decide(_ decision: PetitionDecision, on day: CivilDate, note: String, petitionID: UUID) async throws
        -> Petition
    {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if decision == .redirected, note.isEmpty {
            throw ResettleError.invalidField("请填写告知信访人向哪个机关提出", field: "note")
        }
        return try await step(petitionID, kind: .decided) { p, procedure, tx in
            try checked { try procedure.checkDecision(on: day, today: today) }
            if decision == .accepted, let earlierID = p.repeatOfID,
                let earlier = try await Petition.find(earlierID, on: tx), earlier.stageValue == .final
            {
                throw ResettleError.invalidField(
                    "该事项已于\(earlier.rereviewAnsweredOn ?? "")复核终结（\(earlier.number)），同一事实和理由的请求不再受理",
                    field: "decision")
            }
            p.decision = decision.rawValue
            p.decidedOn = day.iso
            p.decisionNote = note.isEmpty ? nil : note
            let late = day > procedure.acceptanceDue ? "（超过\(procedure.rules.acceptanceDays)日期限）" : ""
            return (day.iso, decision.chinese + late + (note.isEmpty ? "" : "：" + note))
        }
    }

    /// An objection to an item a higher office assigned: it is not ours.
    func object(on day: CivilDate, reason: String, petitionID: UUID) async throws -> Petition {
        let reason = try reason.requiredText("请填写异议理由", field: "reason")
        return try await step(petitionID, kind: .objected) { p, procedure, _ in
            try checked { try procedure.checkObjection(on: day, today: today) }
            p.objectedOn = day.iso
            p.decisionNote = reason
            return (day.iso, reason)
        }
    }

    /// Assigns the accepted petition to a department or township, and to one user if named.
    func assign(to unit: String, assignee: String, due: CivilDate, petitionID: UUID) async throws -> Petition {
        let unit = try unit.requiredText("请填写承办部门或乡镇", field: "assigned_to")
        let assignee = assignee.trimmingCharacters(in: .whitespaces)
        return try await step(petitionID, kind: .assigned) { p, procedure, tx in
            guard procedure.stage == .accepted, let handlingDue = procedure.handlingDue else {
                throw ResettleError.conflict("只有已受理、尚未办结的信访事项才能交办")
            }
            if !assignee.isEmpty {
                guard let u = try await User.query(on: tx).filter(\.$username == assignee).first(), u.isActive else {
                    throw ResettleError.invalidField("没有用户“\(assignee)”", field: "assignee")
                }
                guard PetitionAccess.handle.contains(u.roleValue),
                    u.townshipCode == nil || u.townshipCode == p.townshipCode
                else { throw ResettleError.invalidField("用户“\(assignee)”不能办理本乡镇的信访事项", field: "assignee") }
            }
            guard due >= today, due <= handlingDue else {
                throw ResettleError.invalidField(
                    "承办期限须在今天（\(today.iso)）至办理期限\(handlingDue.iso)之间", field: "due")
            }
            p.assignedTo = unit
            p.assignee = assignee.isEmpty ? nil : assignee
            p.assignedDue = due.iso
            return (today.iso, "交\(unit)" + (assignee.isEmpty ? "" : "（\(assignee)）") + "办理，\(due.iso)前办结")
        }
    }

    /// A handling note or a site visit (实地调查) on `day`.
    func note(_ kind: PetitionEventKind, on day: CivilDate, text: String, petitionID: UUID) async throws -> Petition {
        guard kind == .note || kind == .siteVisit else { throw ResettleError.invalidInput("记录类型无效") }
        let text = try text.requiredText("请填写办理情况", field: "text")
        guard day <= today else { throw ResettleError.invalidField("日期\(day.iso)晚于今天", field: "day") }
        return try await step(petitionID, kind: kind) { p, _, _ in
            guard day >= p.received else {
                throw ResettleError.invalidField("日期\(day.iso)早于登记日期\(p.receivedOn)", field: "day")
            }
            return (day.iso, text)
        }
    }

    /// The one extension of the handling period, approved by the head of the office.
    func extend(days: Int, reason: String, approvedOn: CivilDate, toldOn: CivilDate, petitionID: UUID) async throws
        -> Petition
    {
        let reason = try reason.requiredText("请填写延期理由", field: "reason")
        let approver = user.username
        return try await step(petitionID, roles: PetitionAccess.approveExtension, kind: .extended) { p, procedure, _ in
            try checked(field: "days") {
                try procedure.checkExtension(days: days, approvedOn: approvedOn, today: today)
            }
            guard toldOn >= approvedOn, toldOn <= today else {
                throw ResettleError.invalidField("告知信访人日期须在批准日期\(approvedOn.iso)至今天之间", field: "told_on")
            }
            p.extensionDays = days
            p.extensionReason = reason
            p.extensionApprovedBy = approver
            p.extensionApprovedOn = approvedOn.iso
            p.extensionToldOn = toldOn.iso
            let due = procedure.handlingDueWithoutExtension!.adding(days: days)
            return (approvedOn.iso, "延长\(days)日至\(due.iso)：\(reason)；\(toldOn.iso)告知信访人")
        }
    }

    /// The written reply (处理意见书): the outcome, the opinion, its date and its delivery.
    func reply(
        _ outcome: PetitionOutcome, opinion: String, on day: CivilDate, deliveredOn: CivilDate?, petitionID: UUID
    ) async throws -> Petition {
        let opinion = try opinion.requiredText("请填写处理意见", field: "opinion")
        return try await step(petitionID, kind: .replied) { p, procedure, _ in
            try checked(field: deliveredOn.map { $0 < day } == true ? "delivered_on" : "day") {
                try procedure.checkReply(on: day, deliveredOn: deliveredOn, today: today)
            }
            p.outcome = outcome.rawValue
            p.replyOpinion = opinion
            p.repliedOn = day.iso
            p.replyDeliveredOn = deliveredOn?.iso
            let late = procedure.handlingDue.map { day > $0 } == true ? "（超期）" : ""
            return (day.iso, outcome.chinese + late + (deliveredOn.map { "，\($0.iso)送达" } ?? ""))
        }
    }

    /// The day the reply reached the petitioner, when it was not known at the reply.
    func delivered(on day: CivilDate, petitionID: UUID) async throws -> Petition {
        try await step(petitionID, kind: .replied) { p, _, _ in
            guard let replied = p.repliedOn.flatMap(CivilDate.init(parsing:)) else {
                throw ResettleError.conflict("尚未出具处理意见")
            }
            guard p.replyDeliveredOn == nil else { throw ResettleError.conflict("处理意见已于\(p.replyDeliveredOn!)送达") }
            guard day >= replied, day <= today else {
                throw ResettleError.invalidField("送达日期须在答复日期\(replied.iso)至今天之间", field: "day")
            }
            p.replyDeliveredOn = day.iso
            return (day.iso, "处理意见书送达")
        }
    }

    func satisfaction(_ s: PetitionSatisfaction, petitionID: UUID) async throws -> Petition {
        try await step(petitionID, kind: .satisfaction) { p, procedure, _ in
            guard procedure.stage.isClosed else { throw ResettleError.conflict("办结后才能评价满意度") }
            p.satisfaction = s.rawValue
            return (today.iso, s.chinese)
        }
    }

    /// A hearing (听证) held from `from` to `to`: its days do not count toward the answer.
    func hearing(from: CivilDate, to: CivilDate, text: String, petitionID: UUID) async throws -> Petition {
        guard to >= from else { throw ResettleError.invalidField("听证结束日期早于开始日期", field: "to") }
        let days = from.days(until: to) + 1
        return try await step(petitionID, kind: .hearing) { p, procedure, _ in
            try checked(field: "from") { try procedure.checkHearing(days: days) }
            let started = procedure.stage == .reviewing ? procedure.reviewRequestedOn : procedure.rereviewRequestedOn
            guard let started, from >= started else {
                throw ResettleError.invalidField("听证开始日期早于申请日期", field: "from")
            }
            if procedure.stage == .reviewing { p.reviewHearingDays += days } else { p.rereviewHearingDays += days }
            let note = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return (from.iso, "\(from.iso)至\(to.iso)听证\(days)日，不计入答复期限" + (note.isEmpty ? "" : "：" + note))
        }
    }

    /// 复查 and 复核: the same two steps at two levels.
    enum ReviewLevel: String, Sendable {
        case review, rereview

        var chinese: String { self == .review ? "复查" : "复核" }
    }

    /// The petitioner asks for a review or a re-review on `day`.
    func request(_ level: ReviewLevel, on day: CivilDate, text: String, petitionID: UUID) async throws -> Petition {
        let text = try text.requiredText("请填写\(level.chinese)请求", field: "text")
        return try await step(petitionID, kind: level == .review ? .reviewRequested : .rereviewRequested) {
            p, procedure, _ in
            try checked {
                if level == .review {
                    try procedure.checkReviewRequest(on: day, today: today)
                } else {
                    try procedure.checkRereviewRequest(on: day, today: today)
                }
            }
            if level == .review { p.reviewRequestedOn = day.iso } else { p.rereviewRequestedOn = day.iso }
            return (day.iso, text)
        }
    }

    /// The written answer to a review or a re-review; after the re-review the matter is final.
    func answer(_ level: ReviewLevel, on day: CivilDate, opinion: String, petitionID: UUID) async throws -> Petition {
        let opinion = try opinion.requiredText("请填写\(level.chinese)意见", field: "opinion")
        return try await step(petitionID, kind: level == .review ? .reviewAnswered : .rereviewAnswered) {
            p, procedure, _ in
            try checked {
                if level == .review {
                    try procedure.checkReviewAnswer(on: day, today: today)
                } else {
                    try procedure.checkRereviewAnswer(on: day, today: today)
                }
            }
            if level == .review {
                p.reviewAnsweredOn = day.iso
                p.reviewOpinion = opinion
            } else {
                p.rereviewAnsweredOn = day.iso
                p.rereviewOpinion = opinion
            }
            return (day.iso, opinion + (level == .rereview ? "（复核终结）" : ""))
        }
    }
}
