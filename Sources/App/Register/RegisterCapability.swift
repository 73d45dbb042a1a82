import Fluent
import Vapor

/// The register of resettled people and households, its regions and reservoirs.
struct RegisterCapability: Capability {
    var migrations: [any Migration] {
        [
            CreateRegions(), CreateReservoirs(), CreateHouseholds(), CreatePeople(), CreatePersonStatusEvents(),
            AddPeopleSearchIndexes(),
        ]
    }

    func routes(_ routes: CapabilityRoutes) throws {
        try routes.pages.register(collection: PeopleController())
        // People and changes share one API controller.
        try routes.api.register(collection: APIController())
    }

    var routePaths: [RoutePath] { RegisterRoutes.all + RegisterAPIRoutes.all }

    var menu: [MenuEntry] { [MenuEntry("移民查询", path: RegisterRoutes.search.path())] }
}
