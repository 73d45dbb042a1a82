import Vapor

/// The job pages: the list, one job, its progress as JSON, and the way on to its result.
enum JobsRoutes {
    static let list = RoutePath.get("jobs")
    static let show = RoutePath.get("jobs", .param("jobID"))
    static let progress = RoutePath.get("jobs", .param("jobID"), "progress")
    static let result = RoutePath.get("jobs", .param("jobID"), "result")

    static let all = [list, show, progress, result]

    static func show(_ jobID: some RouteParameterValue) -> String { show.path(jobID) }
    static func progress(_ jobID: some RouteParameterValue) -> String { progress.path(jobID) }
    static func result(_ jobID: some RouteParameterValue) -> String { result.path(jobID) }
}
