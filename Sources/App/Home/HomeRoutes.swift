import Vapor

/// The home page's route.
enum HomeRoutes {
    static let home = RoutePath.get()

    static let all = [home]
}
