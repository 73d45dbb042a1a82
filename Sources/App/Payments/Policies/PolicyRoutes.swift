import Vapor

/// The payment policy versions: the list and a new version.
enum PolicyRoutes {
    static let list = RoutePath.get("payments", "policies")
    static let add = RoutePath.post("payments", "policies")

    static let all = [list, add]
}
