import Fluent
import Vapor

/// Funds and village projects: batches of money and their arrangement to projects, the project
/// library and each project's steps from the village meeting to the handover, payments routed
/// by the 10万 rule, spot-checks, and balances by batch, township and village.
struct FundsCapability: Capability {
    var migrations: [any Migration] {
        [
            CreateFundsTerms(), CreateFundBatches(), CreateProjects(), CreateFundArrangements(), CreateProjectSteps(),
            CreateProjectPayments(), CreateProjectFindings(), CreateSpotCheckDraws(), CreateLeaderTownships(),
            CreateProjectAttachments(), CreateProjectIncomes(), IndexFundArrangementsByProject(),
            AddProjectAttachmentStep(),
        ]
    }

    func routes(_ routes: CapabilityRoutes) throws {
        let pages = routes.pages.grouped(RequireRoleMiddleware(allowed: FundsAccess.read))
        try pages.register(collection: FundsController())
        try pages.register(collection: ProjectsController())
        try pages.register(collection: SpotChecksController())
        try pages.register(collection: ProjectAttachmentsController())
        try pages.register(collection: ProjectLibraryController())
        try routes.api.register(collection: FundsAPIController())
    }

    var routePaths: [RoutePath] { FundsRoutes.all + ProjectRoutes.all + SpotCheckRoutes.all + FundsAPIRoutes.all }

    var menu: [MenuEntry] {
        [
            MenuEntry("资金管理", path: FundsRoutes.overview.path(), roles: FundsAccess.read),
            MenuEntry("项目管理", path: ProjectRoutes.list.path(), roles: FundsAccess.read),
        ]
    }
}
