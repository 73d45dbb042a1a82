import Vapor

/// The funds pages: the year's overview, a batch with its arrangements, a township's projects
/// and balance, and the vocabulary of categories and kinds.
enum FundsRoutes {
    static let overview = RoutePath.get("funds")
    static let addBatch = RoutePath.post("funds", "batches")
    static let batch = RoutePath.get("funds", "batches", .param("batchID"))
    static let arrange = RoutePath.post("funds", "batches", .param("batchID"), "arrangements")
    static let township = RoutePath.get("funds", "townships", .param("townshipCode"))
    static let terms = RoutePath.get("funds", "terms")
    static let addTerm = RoutePath.post("funds", "terms")

    static let all = [overview, addBatch, batch, arrange, township, terms, addTerm]

    static func overview(year: Int) -> String { overview.path(query: [("year", String(year))]) }
    static func batch(_ id: some RouteParameterValue) -> String { batch.path(id) }
    static func township(_ code: String, year: Int) -> String { township.path(code, query: [("year", String(year))]) }
}
