import Fluent
import Vapor

/// A file received or sent, kept byte for byte with its SHA-256: what was imported can always
/// be shown again, and a second import of the same file is recognised.
final class ArchivedFile: Model, @unchecked Sendable {
    static let schema = "file_archive"

    @ID(key: .id) var id: UUID?
    @Field(key: "purpose") var purpose: String
    @Field(key: "direction") var direction: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int
    /// The bytes of a file up to `FileArchive.partBytes`; empty for a larger one, kept in
    /// parts. Read through `FileArchive.content(of:on:)`.
    @Field(key: "content") var content: Data
    @Field(key: "actor") var actor: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
