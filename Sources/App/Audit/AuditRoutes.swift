import Vapor

/// The audit log's page and its export.
enum AuditRoutes {
    static let list = RoutePath.get("audit")
    static let export = RoutePath.get("audit", "audit.xlsx")

    static let all = [list, export]

    static func export(_ filter: AuditFilter) -> String { export.path(query: filter.query) }
}
