import Fluent
import ResettleCore
import Vapor

/// Takes village projects through their life: the proposal (village meeting and notice), each
/// later step, the payments and the spot-check findings. Every write goes through the write
/// gate in one transaction with its audit entry, re-reads the project inside it, and checks
/// the user's township there, so two clerks acting at once cannot skip a step or overpay.
struct ProjectService: Sendable {
    let db: any Database
    let gate: WriteGate
    let user: User

    var actor: String { user.username }
    var scope: AccessScope { AccessScope(user: user) }

    struct Proposal: Sendable, Codable {
        var year: Int
        var name: String
        var townshipCode: String
        var villageCode: String?
        var kind: String
        var implementer: String
        var beneficiaries: Int
        var planned: PlannedInvestment
        var scheduleStart: CivilDate
        var scheduleEnd: CivilDate
        var performanceTarget: String
        /// The village meeting (一事一议) and the notice that followed it.
        var meetingOn: CivilDate
        var attendance: Int
        var decision: String
        var noticeStart: CivilDate
        var noticeEnd: CivilDate
    }

    /// Puts a project into the library at its village meeting. The notice must have run the
    /// set number of days (5 unless the office changed it).
    func propose(_ p: Proposal) async throws -> Project {
        let name = p.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else { throw ResettleError.invalidField("项目名称须为1至100个字", field: "name") }
        guard (2000...2199).contains(p.year) else { throw ResettleError.invalidField("年度应为四位年份", field: "year") }
        guard scope.allows(townshipCode: p.townshipCode) else {
            throw ResettleError.invalidField("只能申报本乡镇的项目", field: "township")
        }
        guard p.planned.resettlementFen > 0, p.planned.selfRaisedFen >= 0, p.planned.otherFen >= 0 else {
            throw ResettleError.invalidField("计划移民资金须大于0，自筹和其他资金不能为负", field: "planned_resettlement")
        }
        guard p.beneficiaries >= 0 else { throw ResettleError.invalidField("受益移民人数不能为负", field: "beneficiaries") }
        guard p.attendance > 0 else { throw ResettleError.invalidField("请填写村民议事参会人数", field: "attendance") }
        guard !p.decision.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ResettleError.invalidField("请填写村民议事决定", field: "decision")
        }
        guard p.scheduleEnd >= p.scheduleStart else {
            throw ResettleError.invalidField("计划完工日期不能早于计划开工日期", field: "schedule_end")
        }
        guard p.noticeStart >= p.meetingOn else {
            throw ResettleError.invalidField("公示应在村民议事之后开始", field: "notice_start")
        }
        return try await gate.write(on: db) { tx, audit in try await propose(p, name: name, in: tx, audit: audit) }
    }

    /// `propose` inside a caller's write, for callers that take several steps in one transaction.
    func propose(_ p: Proposal, name: String, in tx: any Database, audit: AuditEntries) async throws -> Project {
        let rules = try await ProjectRules.load(on: tx)
        do throws(ProjectWorkflowError) {
            try ProjectWorkflow.checkNotice(
                start: p.noticeStart, end: p.noticeEnd, minimumDays: rules.noticeMinimumDays)
        } catch {
            throw ResettleError.invalidField(error.message, field: "notice_end")
        }
        guard let township = try await Region.find(p.townshipCode, on: tx), township.level == "township" else {
            throw ResettleError.invalidField("乡镇代码“\(p.townshipCode)”不存在", field: "township")
        }
        if let village = p.villageCode, try await Region.find(village, on: tx)?.parentCode != p.townshipCode {
            throw ResettleError.invalidField("村“\(village)”不属于\(township.name)", field: "village")
        }
        guard try await FundsTerm.names(.projectKind, on: tx).contains(p.kind) else {
            throw ResettleError.invalidField("项目类型“\(p.kind)”不在项目类型表中", field: "kind")
        }
        let code = try await nextCode(year: p.year, township: p.townshipCode, on: tx)
        let project = Project(
            code: code, year: p.year, name: name, townshipCode: p.townshipCode, villageCode: p.villageCode,
            kind: p.kind, implementer: p.implementer, beneficiaries: p.beneficiaries, planned: p.planned,
            scheduleStart: p.scheduleStart, scheduleEnd: p.scheduleEnd, performanceTarget: p.performanceTarget,
            createdBy: actor)
        try await project.create(on: tx)
        try await ProjectStep(
            projectID: project.requireID(), kind: ProjectStepKind.meeting.rawValue,
            stageAfter: ProjectStage.proposed.rawValue, actor: actor, actedOn: p.meetingOn.iso,
            opinion: p.decision,
            facts: [
                ProjectFact(label: "参会人数", value: String(p.attendance)),
                ProjectFact(label: "公示期", value: "\(p.noticeStart.iso) 至 \(p.noticeEnd.iso)"),
            ]
        ).create(on: tx)
        audit.record(
            actor: actor, action: "project.propose", entity: "project", entityID: code,
            townshipCode: p.townshipCode, before: nil, after: p)
        return project
    }

    /// The next free library code of a township's year: 2022-430582101-001, -002…
    private func nextCode(year: Int, township: String, on tx: any Database) async throws -> String {
        let prefix = "\(year)-\(township)-"
        let taken = try await Project.query(on: tx).filter(\.$year == year).filter(\.$townshipCode == township)
            .all(\.$code)
        let highest = taken.compactMap { $0.hasPrefix(prefix) ? Int($0.dropFirst(prefix.count)) : nil }.max() ?? 0
        let next = String(highest + 1)
        return prefix + String(repeating: "0", count: max(0, 3 - next.count)) + next
    }

    /// The project, re-read inside the write and checked against the user's township.
    private func scopedProject(_ id: UUID, on tx: any Database) async throws -> Project {
        guard let project = try await Project.find(id, on: tx), scope.allows(townshipCode: project.townshipCode) else {
            throw ResettleError.notFound
        }
        return project
    }

    struct StepRecord: Codable, Sendable {
        var step: ProjectStepInput
        var stageBefore: String
        var stageAfter: String
    }

    /// Records one step. Refused out of order, before the notice has run, with a missing field,
    /// or by a role that may not take it.
    func record(_ input: ProjectStepInput, projectID: UUID) async throws -> Project {
        guard FundsAccess.roles(for: input.kind).contains(user.roleValue) else { throw ResettleError.forbidden }
        guard input.kind != .meeting else { throw ResettleError.invalidInput("村民议事在申报新项目时登记") }
        return try await gate.write(on: db) { tx, audit in
            try await record(input, projectID: projectID, in: tx, audit: audit)
        }
    }

    /// `record` inside a caller's write.
    func record(_ input: ProjectStepInput, projectID: UUID, in tx: any Database, audit: AuditEntries) async throws
        -> Project
    {
        guard FundsAccess.roles(for: input.kind).contains(user.roleValue) else { throw ResettleError.forbidden }
        guard input.kind != .meeting else { throw ResettleError.invalidInput("村民议事在申报新项目时登记") }
        let project = try await scopedProject(projectID, on: tx)
        let rules = try await ProjectRules.load(on: tx)
        let steps = try await ProjectStep.query(on: tx).filter(\.$projectID == projectID).sort(\.$actedOn).all()
        let disbursement = try await DisbursementRule(project, rules: rules, on: tx)
        let before = project.stageValue
        let after: ProjectStage
        do throws(ProjectWorkflowError) {
            after = try ProjectWorkflow.stage(
                after: input.kind, from: before, route: rules.route(for: project), passed: input.passed,
                fullyPaid: disbursement.isPaidUpToRetention)
        } catch {
            throw ResettleError.conflict(error.message)
        }
        // The order first: a step that may not be taken now is refused for that, not for a
        // field it would have needed.
        try input.validate(for: project)
        if let last = steps.last?.actedOn, input.actedOn.iso < last {
            throw ResettleError.invalidField("办理日期不能早于上一步骤的日期（\(last)）", field: "acted_on")
        }
        if input.kind == .submission, let notice = Self.noticeEnd(of: steps), input.actedOn <= notice {
            throw ResettleError.invalidField(
                ProjectWorkflowError.noticeNotOver(noticeEnd: notice).message, field: "acted_on")
        }
        if let p = input.progressPercent { project.progressPercent = p }
        switch input.kind {
        case .approval:
            project.approvedFen = input.approvedFen
            project.planDocument = input.planDocument.trimmingCharacters(in: .whitespaces)
        case .acceptance:
            project.settledFen = input.settledFen
            project.retentionFen = input.retentionFen
            project.progressPercent = 100
        default:
            break
        }
        project.stage = after.rawValue
        try await project.save(on: tx)
        try await ProjectStep(
            projectID: projectID, kind: input.kind.rawValue, stageAfter: after.rawValue, actor: actor,
            actedOn: input.actedOn.iso, opinion: input.opinion, facts: input.facts
        ).create(on: tx)
        audit.record(
            actor: actor, action: "project.step." + input.kind.rawValue, entity: "project", entityID: project.code,
            townshipCode: project.townshipCode, before: nil,
            after: StepRecord(step: input, stageBefore: before.rawValue, stageAfter: after.rawValue))
        return project
    }

    /// The notice's last day, from the meeting step's facts.
    static func noticeEnd(of steps: [ProjectStep]) -> CivilDate? {
        guard let meeting = steps.first(where: { $0.kind == ProjectStepKind.meeting.rawValue }),
            let notice = meeting.facts.first(where: { $0.label == "公示期" })?.value,
            let end = notice.split(separator: " ").last
        else { return nil }
        return CivilDate(parsing: String(end))
    }

    struct NewPayment: Sendable, Codable {
        var kind: DisbursementKind
        var voucher: String
        var payee: String
        var paidOn: CivilDate
        var amountFen: Int64
    }

    /// Records a payment, refused beyond the approved amount, before acceptance (or the county's
    /// review where the route needs it), into the retention, or while a finding is open.
    func pay(_ p: NewPayment, projectID: UUID) async throws -> ProjectPayment {
        let voucher = p.voucher.trimmingCharacters(in: .whitespaces)
        guard !voucher.isEmpty else { throw ResettleError.invalidField("请填写凭证号", field: "voucher") }
        guard !p.payee.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ResettleError.invalidField("请填写收款单位（乡镇财政所或村）", field: "payee")
        }
        return try await gate.write(on: db) { tx, audit in
            try await pay(p, voucher: voucher, projectID: projectID, in: tx, audit: audit)
        }
    }

    /// `pay` inside a caller's write.
    func pay(_ p: NewPayment, voucher: String, projectID: UUID, in tx: any Database, audit: AuditEntries) async throws
        -> ProjectPayment
    {
        let project = try await scopedProject(projectID, on: tx)
        let rules = try await ProjectRules.load(on: tx)
        guard FundsAccess.roles(forPaymentOn: rules.route(for: project)).contains(user.roleValue) else {
            throw ResettleError.invalidInput(
                "该项目按规则由\(rules.route(for: project).payer.chinese)，须由\(rules.route(for: project).payer == .county ? "县级业务人员" : "乡镇")登记拨付"
            )
        }
        if try await ProjectPayment.query(on: tx).filter(\.$projectID == projectID).filter(\.$voucher == voucher)
            .count() > 0
        {
            throw ResettleError.invalidField("凭证号“\(voucher)”已登记过，同一凭证不能重复拨付", field: "voucher")
        }
        let arranged = try await FundArrangement.query(on: tx).filter(\.$projectID == projectID).all(\.$amountFen)
            .reduce(0, +)
        let rule = try await DisbursementRule(project, rules: rules, on: tx)
        do throws(DisbursementError) { try rule.check(p.kind, amountFen: p.amountFen) } catch {
            throw ResettleError.invalidField(error.message, field: "amount")
        }
        guard rule.paidFen + p.amountFen <= arranged else {
            throw ResettleError.invalidField(
                "该项目已安排资金\(Money.yuan(arranged))元，已拨\(Money.yuan(rule.paidFen))元，本次\(Money.yuan(p.amountFen))元超出已安排的资金；请先安排资金",
                field: "amount")
        }
        let payment = ProjectPayment(
            projectID: projectID, kind: p.kind.rawValue, voucher: voucher, payee: p.payee, paidOn: p.paidOn.iso,
            amountFen: p.amountFen, createdBy: actor)
        try await payment.create(on: tx)
        audit.record(
            actor: actor, action: "project.pay", entity: "project", entityID: project.code,
            townshipCode: project.townshipCode, before: nil, after: p)
        return payment
    }

    /// A spot-check finding; while open it blocks every payment of the project.
    func raiseFinding(_ text: String, on day: CivilDate, projectID: UUID) async throws -> ProjectFinding {
        guard FundsAccess.spotChecks.contains(user.roleValue) else { throw ResettleError.forbidden }
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw ResettleError.invalidField("请填写发现的问题", field: "text") }
        return try await gate.write(on: db) { tx, audit in
            let project = try await scopedProject(projectID, on: tx)
            let finding = ProjectFinding(projectID: projectID, text: text, raisedBy: actor, raisedOn: day.iso)
            try await finding.create(on: tx)
            audit.record(
                actor: actor, action: "project.finding.raise", entity: "project", entityID: project.code,
                townshipCode: project.townshipCode, before: nil, after: text)
            return finding
        }
    }

    func resolveFinding(_ findingID: UUID, resolution: String, on day: CivilDate, projectID: UUID) async throws {
        guard FundsAccess.countySteps.contains(user.roleValue) else { throw ResettleError.forbidden }
        let resolution = resolution.trimmingCharacters(in: .whitespaces)
        guard !resolution.isEmpty else { throw ResettleError.invalidField("请填写整改情况", field: "resolution") }
        try await gate.write(on: db) { tx, audit in
            let project = try await scopedProject(projectID, on: tx)
            guard let finding = try await ProjectFinding.find(findingID, on: tx), finding.projectID == projectID else {
                throw ResettleError.notFound
            }
            guard finding.isOpen else { throw ResettleError.conflict("该问题已于\(finding.resolvedOn ?? "")销号") }
            guard day.iso >= finding.raisedOn else {
                throw ResettleError.invalidField("销号日期不能早于发现日期（\(finding.raisedOn)）", field: "acted_on")
            }
            finding.resolvedBy = actor
            finding.resolvedOn = day.iso
            finding.resolution = resolution
            try await finding.save(on: tx)
            audit.record(
                actor: actor, action: "project.finding.resolve", entity: "project", entityID: project.code,
                townshipCode: project.townshipCode, before: finding.text, after: resolution)
        }
    }
}
