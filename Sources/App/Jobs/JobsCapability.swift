import Fluent
import Vapor

/// Long work in the background with its progress: register imports, rolls, bank results,
/// recovery scans.
struct JobsCapability: Capability {
    var migrations: [any Migration] { [CreateJobs(), AddJobDetail()] }

    func routes(_ routes: CapabilityRoutes) throws {
        try routes.pages.register(collection: JobsController())
    }

    var routePaths: [RoutePath] { JobsRoutes.all }

    var menu: [MenuEntry] {
        [MenuEntry("后台任务", path: JobsRoutes.list.path(), roles: [.admin, .county, .leader, .finance, .township])]
    }
}
