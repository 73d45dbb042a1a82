import Vapor

/// The payments' JSON API (`PaymentsAPIController`), under `/api/v1`.
enum PaymentsAPIRoutes {
    static let rolls = RoutePath.get("api", "v1", "rolls")
    static let generate = RoutePath.post("api", "v1", "rolls")
    static let roll = RoutePath.get("api", "v1", "rolls", .param("rollID"))
    static let approve = RoutePath.post("api", "v1", "rolls", .param("rollID"), "approve")
    static let results = RoutePath.get("api", "v1", "rolls", .param("rollID"), "results")
    static let reconciliation = RoutePath.get("api", "v1", "results", .param("resultID"), "reconciliation")

    static let all = [rolls, generate, roll, approve, results, reconciliation]
}
