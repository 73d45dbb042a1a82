import Fluent
import ResettleCore
import Vapor

/// `/api/v1/funds` and `/api/v1/projects`: the year's money and the project library as JSON,
/// with the pages' roles and township scoping (a township user gets their own township's
/// figures and projects only).
struct FundsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(FundsAPIRoutes.overview, use: overview)
        routes.on(FundsAPIRoutes.projects, use: projects)
        routes.on(FundsAPIRoutes.project, use: project)
    }

    @Sendable func overview(req: Request) async throws -> FundsOverviewDTO {
        try req.requireUser(in: FundsAccess.read)
        let (year, _) = try await FundsController.year(req)
        let picture = try await FundsSummary.load(year: year, scope: req.scope, on: req.db)
        // A township user's batches would be the county's: they get their township's money only.
        let county = req.scope.townshipCode == nil
        return FundsOverviewDTO(
            year: year, received_fen: county ? picture.receivedFen : nil, arranged_fen: picture.total.arrangedFen,
            paid_fen: picture.total.paidFen, balance_fen: picture.total.balanceFen,
            batches: county
                ? picture.batches.map {
                    FundBatchDTO(
                        id: $0.batch.id!, year: $0.batch.year, category: $0.batch.category, document: $0.batch.document,
                        received_on: $0.batch.receivedOn, level: $0.batch.level, manager: $0.batch.manager,
                        amount_fen: $0.batch.amountFen, arranged_fen: $0.money.arrangedFen, paid_fen: $0.money.paidFen)
                } : [],
            townships: picture.townships.map {
                FundsAreaDTO(
                    code: $0.code, projects: $0.projects, started: $0.started, arranged_fen: $0.money.arrangedFen,
                    paid_fen: $0.money.paidFen, balance_fen: $0.money.balanceFen, flagged: $0.flagged)
            })
    }

    @Sendable func projects(req: Request) async throws -> PageDTO<ProjectSummaryDTO> {
        try req.requireUser(in: FundsAccess.read)
        let (year, _) = try await FundsController.year(req)
        let filter = try ProjectFilter(req, year: year)
        let rules = try await ProjectRules.load(on: req.db)
        let picture = try await FundsPicture.load(year: year, scope: req.scope, on: req.db)
        let kept = filter.apply(
            to: picture.projects, thresholdFen: rules.routing.rows.last?.fromFen ?? 0,
            openFindingProjects: filter.openFindings ? try await ProjectsController.openFindingProjects(on: req.db) : []
        )
        let perPage = ProjectFilter.perPage
        let shown = kept.dropFirst(min((filter.page - 1) * perPage, kept.count)).prefix(perPage)
        return PageDTO(
            total: kept.count, page: filter.page, per_page: perPage,
            items: shown.map { r in
                let m = picture.projectMoney[r.id] ?? .init()
                return ProjectSummaryDTO(
                    id: r.id, code: r.code, name: r.name, township_code: r.township_code, village_code: r.village_code,
                    kind: r.kind, stage: r.stage, progress_percent: r.progress_percent,
                    resettlement_funds_fen: r.resettlementFundsFen, arranged_fen: m.arrangedFen, paid_fen: m.paidFen)
            })
    }

    @Sendable func project(req: Request) async throws -> ProjectDetailDTO {
        let user = try req.requireUser(in: FundsAccess.read)
        let project = try await FundsAccess.project(req)
        let m = try await ProjectPage.model(project, user: user, on: req.db, regions: try await req.regionDirectory())
        return ProjectDetailDTO(
            id: project.id!, code: project.code, year: project.year, name: project.name,
            township_code: project.townshipCode, village_code: project.villageCode, kind: project.kind,
            stage: project.stage, progress_percent: project.progressPercent,
            planned_resettlement_fen: project.plannedResettlementFen, approved_fen: project.approvedFen,
            settled_fen: project.settledFen, retention_fen: project.retentionFen,
            route_review: m.route.review.rawValue, route_payer: m.route.payer.rawValue,
            arranged_fen: m.arranged.reduce(0) { $0 + $1.fen }, paid_fen: m.rule.paidFen,
            open_findings: m.rule.openFindings, warnings: m.warnings,
            steps: m.steps.map {
                ProjectStepDTO(
                    kind: $0.kind, acted_on: $0.actedOn, actor: $0.actor, opinion: $0.opinion,
                    stage_after: $0.stageAfter)
            },
            payments: m.payments.map {
                ProjectPaymentDTO(
                    kind: $0.kind, voucher: $0.voucher, payee: $0.payee, paid_on: $0.paidOn, amount_fen: $0.amountFen)
            })
    }
}

struct FundBatchDTO: Content {
    var id: UUID
    var year: Int
    var category: String
    var document: String
    var received_on: String
    var level: String
    var manager: String
    var amount_fen: Int64
    var arranged_fen: Int64
    var paid_fen: Int64
}

struct FundsAreaDTO: Content {
    var code: String
    var projects: Int
    var started: Int
    var arranged_fen: Int64
    var paid_fen: Int64
    var balance_fen: Int64
    var flagged: Bool
}

struct FundsOverviewDTO: Content {
    var year: Int
    var received_fen: Int64?
    var arranged_fen: Int64
    var paid_fen: Int64
    var balance_fen: Int64
    var batches: [FundBatchDTO]
    var townships: [FundsAreaDTO]
}

struct ProjectSummaryDTO: Content {
    var id: UUID
    var code: String
    var name: String
    var township_code: String
    var village_code: String?
    var kind: String
    var stage: String
    var progress_percent: Int
    var resettlement_funds_fen: Int64
    var arranged_fen: Int64
    var paid_fen: Int64
}

struct ProjectStepDTO: Content {
    var kind: String
    var acted_on: String
    var actor: String
    var opinion: String
    var stage_after: String
}

struct ProjectPaymentDTO: Content {
    var kind: String
    var voucher: String
    var payee: String
    var paid_on: String
    var amount_fen: Int64
}

struct ProjectDetailDTO: Content {
    var id: UUID
    var code: String
    var year: Int
    var name: String
    var township_code: String
    var village_code: String?
    var kind: String
    var stage: String
    var progress_percent: Int
    var planned_resettlement_fen: Int64
    var approved_fen: Int64?
    var settled_fen: Int64?
    var retention_fen: Int64
    var route_review: String
    var route_payer: String
    var arranged_fen: Int64
    var paid_fen: Int64
    var open_findings: Int
    var warnings: [String]
    var steps: [ProjectStepDTO]
    var payments: [ProjectPaymentDTO]
}
