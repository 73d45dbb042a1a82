import Vapor

/// The project library and one project's page with the forms of its next steps.
enum ProjectRoutes {
    static let list = RoutePath.get("projects")
    static let new = RoutePath.get("projects", "new")
    static let create = RoutePath.post("projects")
    static let show = RoutePath.get("projects", .param("projectID"))
    static let step = RoutePath.post("projects", .param("projectID"), "steps")
    static let pay = RoutePath.post("projects", .param("projectID"), "payments")
    static let raiseFinding = RoutePath.post("projects", .param("projectID"), "findings")
    static let resolveFinding = RoutePath.post(
        "projects", .param("projectID"), "findings", .param("findingID"), "resolve")

    static let attach = RoutePath.upload("projects", .param("projectID"), "attachments")
    static let attachment = RoutePath.get("projects", .param("projectID"), "attachments", .param("attachmentID"))

    static let importForm = RoutePath.get("projects", "import")
    static let importUpload = RoutePath.upload("projects", "import")
    /// The annual plan (年度计划表) of `?year=` as XLSX.
    static let annualPlan = RoutePath.get("projects", "annual-plan.xlsx")

    static let recordIncome = RoutePath.post("projects", .param("projectID"), "income")

    static let all = [
        list, new, create, show, step, pay, raiseFinding, resolveFinding, attach, attachment, importForm, importUpload,
        annualPlan, recordIncome,
    ]

    static func show(_ id: some RouteParameterValue) -> String { show.path(id) }
}
