import Vapor

/// The county's spot-check draws: the list with each draw repeated from its seed, and a new draw.
enum SpotCheckRoutes {
    static let list = RoutePath.get("spot-checks")
    static let draw = RoutePath.post("spot-checks")

    static let all = [list, draw]
}
