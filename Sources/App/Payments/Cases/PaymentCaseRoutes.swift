import Vapor

/// Re-issues and recoveries: the two lists, the recovery scan and a recovery's update.
enum PaymentCaseRoutes {
    static let reissues = RoutePath.get("payments", "reissues")
    static let recoveries = RoutePath.get("payments", "recoveries")
    static let scan = RoutePath.post("payments", "recoveries", "scan")
    static let update = RoutePath.post("payments", "recoveries", .param("caseID"))

    static let all = [reissues, recoveries, scan, update]

    static func update(_ caseID: some RouteParameterValue) -> String { update.path(caseID) }
}
