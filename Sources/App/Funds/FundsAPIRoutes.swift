import Vapor

/// The funds and projects API.
enum FundsAPIRoutes {
    static let overview = RoutePath.get("api", "v1", "funds")
    static let projects = RoutePath.get("api", "v1", "projects")
    static let project = RoutePath.get("api", "v1", "projects", .param("projectID"))

    static let all = [overview, projects, project]
}
