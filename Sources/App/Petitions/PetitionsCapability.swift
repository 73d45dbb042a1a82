import Fluent
import Vapor

/// 信访: every petition registered the day it comes in, its statutory clocks, handling, the
/// written reply, review and re-review; the deadline board, the statistics, the dispute
/// screening and the working-day calendar the clocks count with.
struct PetitionsCapability: Capability {
    var migrations: [any Migration] {
        [CreatePetitions(), IndexPetitions(), CreateDisputeScreenings(), CreateCalendarDays()]
    }

    func routes(_ routes: CapabilityRoutes) throws {
        let pages = routes.pages.grouped(RequireRoleMiddleware(allowed: PetitionAccess.read))
        try pages.register(collection: PetitionsController())
        try pages.register(collection: DisputesController())
        try pages.register(collection: CalendarController())
        try routes.api.register(collection: PetitionsAPIController())
    }

    var routePaths: [RoutePath] { PetitionRoutes.all + PetitionAPIRoutes.all }

    var menu: [MenuEntry] {
        [MenuEntry("信访管理", path: PetitionRoutes.list.path(), roles: PetitionAccess.read)]
    }

    var commands: [(name: String, command: any AsyncCommand)] { [("petitions", PetitionsCommand())] }
}
