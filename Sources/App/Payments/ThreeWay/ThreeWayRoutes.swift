import Vapor

/// The three-way match of a roll: the page and the province's list upload.
enum ThreeWayRoutes {
    static let show = RoutePath.get("payments", "rolls", .param("rollID"), "threeway")
    static let upload = RoutePath.upload("payments", "rolls", .param("rollID"), "provincial")

    static let all = [show, upload]

    /// The match, against the province's list `list` or the latest.
    static func show(_ rollID: some RouteParameterValue, list: String = "") -> String {
        show.path(rollID, query: [("list", list)])
    }
    static func upload(_ rollID: some RouteParameterValue) -> String { upload.path(rollID) }
}
