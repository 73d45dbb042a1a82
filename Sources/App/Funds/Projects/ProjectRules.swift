import Fluent
import Foundation
import ResettleCore

/// The office's settings that project rules read, taken once per write or page.
struct ProjectRules: Sendable {
    var routing: RoutingTable
    var warnings: ProjectWarnings
    var noticeMinimumDays: Int

    static func load(on db: any Database) async throws -> ProjectRules {
        // One query for the five settings: every step and payment reads them.
        let keys: [OfficeSetting] = [
            .projectReviewThresholdFen, .projectTenderingFromFen, .projectRetentionMaxBasisPoints,
            .projectNoticeMinimumDays,
        ]
        let stored = try await Setting.query(on: db).filter(\.$id ~~ keys.map(\.rawValue)).all()
        let values = Dictionary(stored.compactMap { s in s.id.map { ($0, s.value) } }, uniquingKeysWith: { a, _ in a })
        func int(_ setting: OfficeSetting) -> Int64 {
            Int64(values[setting.rawValue] ?? setting.defaultValue) ?? Int64(setting.defaultValue)!
        }
        return ProjectRules(
            routing: .standard(thresholdFen: int(.projectReviewThresholdFen)),
            warnings: ProjectWarnings(
                tenderingFromFen: int(.projectTenderingFromFen),
                retentionMaxBasisPoints: int(.projectRetentionMaxBasisPoints)),
            noticeMinimumDays: Int(int(.projectNoticeMinimumDays)))
    }

    func route(for project: Project) -> PaymentRoute { routing.route(for: project.resettlementFundsFen) }

    func warnings(for project: Project) -> [String] {
        warnings.messages(
            investmentFen: project.plannedTotalFen, settledFen: project.settledFen, retentionFen: project.retentionFen)
    }
}

extension ProjectPayment {
    /// A project's payments so far, by kind.
    static func paidByKind(projectID: UUID, on db: any Database) async throws -> [DisbursementKind: Int64] {
        var paid: [DisbursementKind: Int64] = [:]
        for p in try await ProjectPayment.query(on: db).filter(\.$projectID == projectID).all() {
            if let kind = DisbursementKind(rawValue: p.kind) { paid[kind, default: 0] += p.amountFen }
        }
        return paid
    }
}

extension ProjectFinding {
    static func openCount(projectID: UUID, on db: any Database) async throws -> Int {
        try await ProjectFinding.query(on: db).filter(\.$projectID == projectID).filter(\.$resolvedOn == nil).count()
    }
}

extension DisbursementRule {
    init(_ project: Project, rules: ProjectRules, on db: any Database) async throws {
        let id = try project.requireID()
        self.init(
            stage: project.stageValue, route: rules.route(for: project), approvedFen: project.approvedFen ?? 0,
            settledFen: project.settledFen, retentionFen: project.retentionFen,
            paid: try await ProjectPayment.paidByKind(projectID: id, on: db),
            openFindings: try await ProjectFinding.openCount(projectID: id, on: db))
    }
}
