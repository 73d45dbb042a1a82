import Vapor

/// The register's pages: the search, a person, a household.
enum RegisterRoutes {
    static let search = RoutePath.get("people")
    static let person = RoutePath.get("people", .param("personID"))
    static let requestChange = RoutePath.post("people", .param("personID"), "changes")
    static let household = RoutePath.get("households", .param("householdID"))

    static let all = [search, person, requestChange, household]

    /// The search, filtered to one township.
    static func search(township: String) -> String { search.path(query: [("township", township)]) }
    static func person(_ personID: some RouteParameterValue) -> String { person.path(personID) }
    static func requestChange(_ personID: some RouteParameterValue) -> String { requestChange.path(personID) }
    static func household(_ householdID: some RouteParameterValue) -> String { household.path(householdID) }
}
