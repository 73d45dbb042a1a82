import Fluent
import Vapor

/// A payee list exported from the provincial system for the period of a roll. Its rows are in
/// `provincial_list_lines` (bulk, SQLKit); the file itself is archived (purpose
/// `provincial_list`).
final class ProvincialList: Model, @unchecked Sendable {
    static let schema = "provincial_lists"

    @ID(key: .id) var id: UUID?
    @Field(key: "roll_id") var rollID: UUID
    @Field(key: "file_name") var fileName: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "row_count") var rowCount: Int
    @Field(key: "imported_by") var importedBy: String
    @Field(key: "imported_at") var importedAt: Date

    init() {}
}
