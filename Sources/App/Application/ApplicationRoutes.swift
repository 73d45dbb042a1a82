import Vapor

/// The routes of the application itself, outside any capability: the health check and the API
/// document.
enum ApplicationRoutes {
    static let health = RoutePath.get("healthz")
    static let openAPIDocument = RoutePath.get("api", "v1", "openapi.json")

    /// Where the JSON API's routes begin; a request under it is answered in JSON, never with a page.
    static let apiPrefix = "/api/"

    static let all = [health, openAPIDocument]
}
