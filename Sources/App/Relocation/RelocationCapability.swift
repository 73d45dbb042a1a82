import Fluent
import Vapor

/// 避险解困, the office's fifth duty: relocation tasks assigned from above, each household's
/// relocation from enrolment to acceptance, and the progress by township.
struct RelocationCapability: Capability {
    var migrations: [any Migration] { [CreateRelocationTasks(), CreateHouseholdRelocations()] }

    func routes(_ routes: CapabilityRoutes) throws {
        try routes.pages.grouped(RequireRoleMiddleware(allowed: FundsAccess.read)).register(
            collection: RelocationController())
    }

    var routePaths: [RoutePath] { RelocationRoutes.all }

    var menu: [MenuEntry] { [MenuEntry("避险解困", path: RelocationRoutes.list.path(), roles: FundsAccess.read)] }
}
