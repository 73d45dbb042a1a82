import Vapor

/// The home page: the register's figures for the user's scope.
struct HomeCapability: Capability {
    func routes(_ routes: CapabilityRoutes) throws {
        try routes.pages.register(collection: HomeController())
    }

    var routePaths: [RoutePath] { HomeRoutes.all }

    var menu: [MenuEntry] { [MenuEntry("首页", path: HomeRoutes.home.path())] }
}
