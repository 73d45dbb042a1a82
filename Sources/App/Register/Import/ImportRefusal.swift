import Fluent
import Foundation

/// An upload an import refused, kept so that what was wrong with it can be given back later,
/// from an address that does not change: the error list and the user's own file with a
/// 错误说明 column (`ImportRefusals`). Its id is the id of the uploaded file in `file_archive`,
/// which keeps the bytes; this row keeps who uploaded it, in which scope, and the problems.
final class ImportRefusal: Model, @unchecked Sendable {
    static let schema = "import_refusals"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    /// Which import refused it, e.g. "register_import": decides the roles that may see it.
    @Field(key: "purpose") var purpose: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "actor") var actor: String
    /// The uploader's township for a township user; nil for a county-wide upload.
    @OptionalField(key: "township_code") var townshipCode: String?
    /// The header's row number in the file; 0 when the file could not be read as a table, so
    /// there are no rows to mark.
    @Field(key: "header_row") var headerRow: Int
    @Field(key: "error_count") var errorCount: Int
    /// The problems as JSON (`[ImportRefusal.Issue]`), as the import reported them.
    @Field(key: "issues") var issuesJSON: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    struct Issue: ImportIssue, Codable, Sendable {
        var row: Int
        var column: String
        var code: ImportIssueCode
        var message: String
    }

    func issues() throws -> [Issue] { try JSONDecoder().decode([Issue].self, from: Data(issuesJSON.utf8)) }
}
