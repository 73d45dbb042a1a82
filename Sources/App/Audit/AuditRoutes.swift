import Vapor

/// The audit log's page.
enum AuditRoutes {
    static let list = RoutePath.get("audit")

    static let all = [list]
}
