import Vapor

/// 避险解困: the tasks with progress by township, a task's households, and their forms.
enum RelocationRoutes {
    static let list = RoutePath.get("relocation")
    static let addTask = RoutePath.post("relocation", "tasks")
    static let task = RoutePath.get("relocation", "tasks", .param("taskID"))
    static let enrol = RoutePath.post("relocation", "tasks", .param("taskID"), "households")
    static let record = RoutePath.post("relocation", "households", .param("relocationID"))

    static let all = [list, addTask, task, enrol, record]

    static func task(_ id: some RouteParameterValue) -> String { task.path(id) }
}
