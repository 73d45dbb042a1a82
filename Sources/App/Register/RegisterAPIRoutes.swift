import Vapor

/// The register's and the changes' JSON API (`APIController`), under `/api/v1`.
enum RegisterAPIRoutes {
    static let people = RoutePath.get("api", "v1", "people")
    static let person = RoutePath.get("api", "v1", "people", .param("personID"))
    static let household = RoutePath.get("api", "v1", "households", .param("householdID"))
    static let changes = RoutePath.get("api", "v1", "changes")
    static let createChange = RoutePath.post("api", "v1", "changes")
    static let change = RoutePath.get("api", "v1", "changes", .param("changeID"))
    static let act = RoutePath.post("api", "v1", "changes", .param("changeID"), "actions")

    static let all = [people, person, household, changes, createChange, change, act]
}
