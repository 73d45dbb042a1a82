import Vapor

/// The training pages: the year's plans, classes and statistics; a class with its trainees;
/// the students' subsidies; the ledger as XLSX.
enum TrainingRoutes {
    static let overview = RoutePath.get("training")
    static let addPlan = RoutePath.post("training", "plans")
    static let openClass = RoutePath.post("training", "classes")
    static let showClass = RoutePath.get("training", "classes", .param("classID"))
    static let enrol = RoutePath.post("training", "classes", .param("classID"), "trainees")
    static let attendance = RoutePath.post("training", "classes", .param("classID"), "attendance")
    static let complete = RoutePath.post("training", "trainees", .param("enrolmentID"))
    static let subsidies = RoutePath.get("training", "subsidies")
    static let submitSubsidy = RoutePath.post("training", "subsidies")
    static let actOnSubsidy = RoutePath.post("training", "subsidies", .param("subsidyID"))
    static let ledger = RoutePath.get("training", "ledger.xlsx")

    static let all = [
        overview, addPlan, openClass, showClass, enrol, attendance, complete, subsidies, submitSubsidy, actOnSubsidy,
        ledger,
    ]

    static func showClass(_ id: some RouteParameterValue) -> String { showClass.path(id) }
}

/// `/api/v1/training`: the year's statistics by type.
enum TrainingAPIRoutes {
    static let statistics = RoutePath.get("api", "v1", "training")
    static let all = [statistics]
}
