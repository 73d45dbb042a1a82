import Foundation
import ResettleCore

/// What a step's form carries. Each kind reads the fields it needs; `facts` are what the
/// project's history shows of it.
struct ProjectStepInput: Sendable, Codable {
    var kind: ProjectStepKind
    var actedOn: CivilDate
    var opinion: String
    /// The pre-review's or spot-check's outcome.
    var passed: Bool = true
    /// Pre-review: the team's leader (a leadership member) and members from the departments.
    var teamLeader: String = ""
    var teamMembers: String = ""
    /// Approval: the annual plan's document number and the resettlement funds approved.
    var planDocument: String = ""
    var approvedFen: Int64?
    /// Start: the contract; start and progress: the progress in percent.
    var contract: String = ""
    var progressPercent: Int?
    /// Design change: what changed and the approval it has.
    var change: String = ""
    var changeApproval: String = ""
    /// Acceptance: the settled price and the retention held from it.
    var settledFen: Int64?
    var retentionFen: Int64 = 0
    /// Handover: the asset's owner, the body that keeps it up, and its upkeep rules.
    var assetOwner: String = ""
    var upkeepBody: String = ""
    var upkeepRules: String = ""

    init(kind: ProjectStepKind, actedOn: CivilDate, opinion: String) {
        self.kind = kind
        self.actedOn = actedOn
        self.opinion = opinion
    }

    /// The fields a kind needs, each refused by name when missing or out of range.
    func validate(for project: Project) throws {
        func need(_ value: String, _ field: String, _ label: String) throws {
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ResettleError.invalidField("请填写\(label)", field: field)
            }
        }
        switch kind {
        case .preReview:
            try need(teamLeader, "team_leader", "预审组组长（中心领导）")
            try need(teamMembers, "team_members", "预审组成员")
        case .approval:
            try need(planDocument, "plan_document", "年度计划批复文号")
            guard let approved = approvedFen, approved > 0 else {
                throw ResettleError.invalidField("请填写核定的移民资金（元），须大于0", field: "approved")
            }
            _ = approved
        case .start:
            try need(contract, "contract", "施工合同编号")
        case .designChange:
            try need(change, "change", "变更内容")
            try need(changeApproval, "change_approval", "变更批复")
        case .acceptance:
            guard let settled = settledFen, settled > 0 else {
                throw ResettleError.invalidField("请填写结算价（元），须大于0", field: "settled")
            }
            let approved = project.approvedFen ?? 0
            guard settled <= approved else {
                throw ResettleError.invalidField(
                    "结算价\(Money.yuan(settled))元超过核定的移民资金\(Money.yuan(approved))元；超出部分须先办理设计变更",
                    field: "settled")
            }
            guard retentionFen >= 0, retentionFen <= settled else {
                throw ResettleError.invalidField("质保金须在0至结算价之间", field: "retention")
            }
        case .handover:
            try need(assetOwner, "asset_owner", "资产所有权人")
            try need(upkeepBody, "upkeep_body", "管护主体")
            try need(upkeepRules, "upkeep_rules", "管护制度")
        case .meeting, .submission, .progress, .spotCheck:
            break
        }
        if let p = progressPercent {
            do { try ProjectWorkflow.checkProgress(from: project.progressPercent, to: p) } catch {
                throw ResettleError.invalidField(error.message, field: "progress")
            }
        } else if kind == .progress {
            throw ResettleError.invalidField("请填写工程进度（%）", field: "progress")
        }
    }

    /// What the history shows of the step besides who, when and the opinion.
    var facts: [ProjectFact] {
        var out: [ProjectFact] = []
        func add(_ label: String, _ value: String) {
            if !value.isEmpty { out.append(ProjectFact(label: label, value: value)) }
        }
        switch kind {
        case .preReview:
            add("预审结论", passed ? "通过" : "退回")
            add("组长", teamLeader)
            add("成员", teamMembers)
        case .approval:
            add("计划文号", planDocument)
            add("核定移民资金（元）", approvedFen.map(Money.yuanGrouped) ?? "")
        case .start:
            add("合同编号", contract)
        case .designChange:
            add("变更内容", change)
            add("变更批复", changeApproval)
        case .acceptance:
            add("结算价（元）", settledFen.map(Money.yuanGrouped) ?? "")
            add("质保金（元）", Money.yuanGrouped(retentionFen))
        case .spotCheck:
            add("复核结论", passed ? "合格" : "不合格，待整改")
        case .handover:
            add("资产所有权人", assetOwner)
            add("管护主体", upkeepBody)
            add("管护制度", upkeepRules)
        case .meeting, .submission, .progress:
            break
        }
        if let p = progressPercent { add("工程进度", "\(p)%") }
        return out
    }
}
