import Vapor

/// A roll's bank results: the upload form, the streamed upload, matching a file's columns, and
/// one result's reconciliation with its differences.
enum BankResultRoutes {
    static let form = RoutePath.get("payments", "rolls", .param("rollID"), "results", "new")
    static let upload = RoutePath.upload("payments", "rolls", .param("rollID"), "results")
    static let mappingForm = RoutePath.get(
        "payments", "rolls", .param("rollID"), "results", "mapping", .param("sha256"))
    static let mapped = RoutePath.post("payments", "rolls", .param("rollID"), "results", "mapped")
    static let show = RoutePath.get("payments", "results", .param("resultID"))
    static let exportDifferences = RoutePath.get("payments", "results", .param("resultID"), "differences.xlsx")

    static let all = [form, upload, mappingForm, mapped, show, exportDifferences]

    static func form(_ rollID: some RouteParameterValue) -> String { form.path(rollID) }
    static func upload(_ rollID: some RouteParameterValue) -> String { upload.path(rollID) }
    /// The column matching of the kept file `sha256`, uploaded as `name`.
    static func mappingForm(_ rollID: some RouteParameterValue, sha256: String, name: String) -> String {
        mappingForm.path(rollID, sha256, query: [("name", name)])
    }
    static func mapped(_ rollID: some RouteParameterValue) -> String { mapped.path(rollID) }
    /// The reconciliation, its differences of one kind or all.
    static func show(_ resultID: some RouteParameterValue, kind: String = "") -> String {
        show.path(resultID, query: [("kind", kind)])
    }
    static func exportDifferences(_ resultID: some RouteParameterValue) -> String { exportDifferences.path(resultID) }
}
