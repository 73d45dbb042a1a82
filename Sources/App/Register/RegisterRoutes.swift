import Vapor

/// The register's pages: the search, a person, a household.
enum RegisterRoutes {
    static let search = RoutePath.get("people")
    static let person = RoutePath.get("people", .param("personID"))
    static let requestChange = RoutePath.post("people", .param("personID"), "changes")
    static let household = RoutePath.get("households", .param("householdID"))
    static let export = RoutePath.get("people", "export.xlsx")

    static let all = [search, person, requestChange, household, export]

    /// The search, filtered to one township.
    static func search(township: String) -> String { search.path(query: [("township", township)]) }
    /// The search's filters and order as a query string (without the page).
    static func searchQuery(_ q: PeopleQuery) -> [(String, String)] {
        [
            ("q", q.text), ("township", q.townshipCode), ("village", q.villageCode), ("status", q.status),
            ("sort", q.sortParameter),
        ]
    }
    static func search(_ q: PeopleQuery) -> String { search.path(query: searchQuery(q)) }
    /// What the search finds, as an XLSX file.
    static func export(_ q: PeopleQuery) -> String { export.path(query: searchQuery(q)) }
    static func person(_ personID: some RouteParameterValue) -> String { person.path(personID) }
    static func requestChange(_ personID: some RouteParameterValue) -> String { requestChange.path(personID) }
    static func household(_ householdID: some RouteParameterValue) -> String { household.path(householdID) }
}
