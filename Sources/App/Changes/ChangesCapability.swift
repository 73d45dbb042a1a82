import Fluent
import Vapor

/// Additions, reductions and corrections of the register: noticed, reviewed, approved, dated.
struct ChangesCapability: Capability {
    var migrations: [any Migration] {
        [CreateChangeRequests(), CreateChangeSteps(), AddChangeNoticeReason(), AddChangeEventDates()]
    }

    func routes(_ routes: CapabilityRoutes) throws {
        try routes.pages.register(collection: ChangesController())
    }

    var routePaths: [RoutePath] { ChangesRoutes.all }

    var menu: [MenuEntry] { [MenuEntry("动态管理", path: ChangesRoutes.list.path())] }
}
