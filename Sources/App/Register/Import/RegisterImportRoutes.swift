import Vapor

/// The register import's pages: the form and its upload, the templates, and a refused upload's
/// error list and marked copy.
enum RegisterImportRoutes {
    static let form = RoutePath.get("import", "people")
    static let upload = RoutePath.upload("import", "people")
    static let templateCSV = RoutePath.get("import", "people", "template.csv")
    static let templateXLSX = RoutePath.get("import", "people", "template.xlsx")
    static let latestErrors = RoutePath.get("import", "people", "errors.csv")
    static let refusalErrors = RoutePath.get("import", "people", "uploads", .param("fileID"), "errors.csv")
    static let refusalAnnotated = RoutePath.get("import", "people", "uploads", .param("fileID"), "annotated")

    static let all = [form, upload, templateCSV, templateXLSX, latestErrors, refusalErrors, refusalAnnotated]

    /// The error list of the refused upload `fileID`, from an address that does not change.
    static func refusalErrors(_ fileID: UUID) -> String { refusalErrors.path(fileID) }
    /// The refused upload with the 错误说明 column, from an address that does not change.
    static func refusalAnnotated(_ fileID: UUID) -> String { refusalAnnotated.path(fileID) }
}
