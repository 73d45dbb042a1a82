import Vapor

/// A roll's bank results: the upload form, the streamed upload, matching a file's columns, the
/// preview and its confirmation, one result's reconciliation with its differences, and its void.
enum BankResultRoutes {
    static let form = RoutePath.get("payments", "rolls", .param("rollID"), "results", "new")
    static let upload = RoutePath.upload("payments", "rolls", .param("rollID"), "results")
    static let mappingForm = RoutePath.get(
        "payments", "rolls", .param("rollID"), "results", "mapping", .param("sha256"))
    static let mapped = RoutePath.post("payments", "rolls", .param("rollID"), "results", "mapped")
    /// The preview of a file read with a matching, before anything is written; `sha256` is the
    /// preview's key (`BankResultPreview.key`).
    static let preview = RoutePath.get(
        "payments", "rolls", .param("rollID"), "results", "preview", .param("sha256"))
    static let confirm = RoutePath.post("payments", "rolls", .param("rollID"), "results", "confirm")
    static let show = RoutePath.get("payments", "results", .param("resultID"))
    static let void = RoutePath.post("payments", "results", .param("resultID"), "void")
    static let exportDifferences = RoutePath.get("payments", "results", .param("resultID"), "differences.xlsx")

    static let all = [form, upload, mappingForm, mapped, preview, confirm, show, void, exportDifferences]

    static func form(_ rollID: some RouteParameterValue) -> String { form.path(rollID) }
    static func upload(_ rollID: some RouteParameterValue) -> String { upload.path(rollID) }
    /// The column matching of the kept file `sha256`, uploaded as `name`.
    static func mappingForm(_ rollID: some RouteParameterValue, sha256: String, name: String) -> String {
        mappingForm.path(rollID, sha256, query: [("name", name)])
    }
    static func mapped(_ rollID: some RouteParameterValue) -> String { mapped.path(rollID) }
    static func preview(_ rollID: some RouteParameterValue, key: String) -> String { preview.path(rollID, key) }
    static func confirm(_ rollID: some RouteParameterValue) -> String { confirm.path(rollID) }
    static func void(_ resultID: some RouteParameterValue) -> String { void.path(resultID) }
    /// The reconciliation, its differences of one kind or all.
    static func show(_ resultID: some RouteParameterValue, kind: String = "") -> String {
        show.path(resultID, query: [("kind", kind)])
    }
    static func exportDifferences(_ resultID: some RouteParameterValue) -> String { exportDifferences.path(resultID) }
}
