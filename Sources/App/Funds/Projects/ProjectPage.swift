import Fluent
import ResettleCore
import Vapor

/// Gathers one project's page: its history, money and findings, and what the reader may do
/// next, from the same rules the services apply.
enum ProjectPage {
    static func model(_ project: Project, user: User, on db: any Database, regions: RegionDirectory) async throws
        -> ProjectPageModel
    {
        let id = try project.requireID()
        let rules = try await ProjectRules.load(on: db)
        let route = rules.route(for: project)
        let rule = try await DisbursementRule(project, rules: rules, on: db)
        let arrangements = try await FundArrangement.query(on: db).filter(\.$projectID == id).sort(\.$createdAt).all()
        let batches = try await FundBatch.query(on: db).filter(\.$id ~~ Array(Set(arrangements.map(\.batchID)))).all()
        let batchByID = Dictionary(batches.compactMap { b in b.id.map { ($0, b) } }, uniquingKeysWith: { a, _ in a })
        let steps = try await ProjectStep.query(on: db).filter(\.$projectID == id).sort(\.$actedOn).sort(\.$createdAt)
            .all()
        let payments = try await ProjectPayment.query(on: db).filter(\.$projectID == id).sort(\.$paidOn).all()
        let findings = try await ProjectFinding.query(on: db).filter(\.$projectID == id).sort(\.$raisedOn).all()
        let draws = try await SpotCheckDraw.query(on: db).filter(\.$year == project.year).all()
        let role = user.roleValue
        let stage = project.stageValue
        let candidates: [ProjectStepKind] = [
            .submission, .preReview, .approval, .start, .progress, .designChange, .acceptance, .spotCheck, .handover,
        ]
        let next = candidates.filter { kind in
            guard FundsAccess.roles(for: kind).contains(role) else { return false }
            // Offered when the workflow would take it now; the handover only once paid up.
            return (try? ProjectWorkflow.stage(after: kind, from: stage, route: route, fullyPaid: true)) != nil
        }
        let payable =
            FundsAccess.roles(forPaymentOn: route).contains(role)
            ? DisbursementKind.allCases.filter { (try? rule.check($0, amountFen: 1)) != nil } : []
        let attachments = try await ProjectAttachment.query(on: db).filter(\.$projectID == id).sort(\.$createdAt).all()
        let actors = Set(steps.map(\.actor) + payments.map(\.createdBy) + attachments.map(\.uploadedBy))
        let users = try await User.query(on: db).filter(\.$username ~~ Array(actors)).all()
        return ProjectPageModel(
            project: project, townshipName: regions.name(project.townshipCode),
            villageName: project.villageCode.map { regions.name($0) } ?? "", route: route,
            warnings: rules.warnings(for: project), rule: rule,
            arranged: arrangements.map { a in
                (
                    document: batchByID[a.batchID]?.document ?? "", category: batchByID[a.batchID]?.category ?? "",
                    fen: a.amountFen
                )
            }, steps: steps, payments: payments, findings: findings,
            drawnIn: draws.filter { $0.drawn.contains(project.code) }.map {
                "\($0.year)年第\($0.seed)号种子（\($0.ratePercent)%）"
            },
            nextSteps: next, payableKinds: payable, canRaiseFinding: FundsAccess.spotChecks.contains(role),
            canResolveFinding: FundsAccess.countySteps.contains(role),
            suggestedLeader: try await LeaderTownship.leader(of: project.townshipCode, on: db) ?? "", today: .today(),
            actorNames: Dictionary(users.map { ($0.username, $0.displayName) }, uniquingKeysWith: { a, _ in a }),
            attachments: attachments, canAttach: FundsAccess.townshipSteps.contains(role),
            incomes: try await ProjectIncome.query(on: db).filter(\.$projectID == id).sort(\.$year).sort(\.$receivedOn)
                .all(),
            canRecordIncome: FundsAccess.countySteps.contains(role) && stage == .closed)
    }
}
