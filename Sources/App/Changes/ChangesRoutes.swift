import Vapor

/// The pages of change requests: the list and its batch actions, a new addition, one request
/// and its actions.
enum ChangesRoutes {
    static let list = RoutePath.get("changes")
    static let additionForm = RoutePath.get("changes", "new-addition")
    static let submitAddition = RoutePath.post("changes", "new-addition")
    static let show = RoutePath.get("changes", .param("changeID"))
    static let act = RoutePath.post("changes", .param("changeID"), "actions")
    static let batch = RoutePath.post("changes", "batch")

    static let all = [list, additionForm, submitAddition, show, act, batch]

    static func list(_ filter: ChangeFilter) -> String { list.path(query: filter.query) }

    static func show(_ changeID: some RouteParameterValue) -> String { show.path(changeID) }
    static func act(_ changeID: some RouteParameterValue) -> String { act.path(changeID) }
}
