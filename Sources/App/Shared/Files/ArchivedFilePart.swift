import Fluent
import Foundation

/// One part of a large archived file, in order (`seq` from 0). See `FileArchive.partBytes`.
final class ArchivedFilePart: Model, @unchecked Sendable {
    static let schema = "file_archive_parts"

    @ID(key: .id) var id: UUID?
    @Field(key: "file_id") var fileID: UUID
    @Field(key: "seq") var seq: Int
    @Field(key: "content") var content: Data

    init() {}

    init(fileID: UUID, seq: Int, content: Data) {
        self.fileID = fileID
        self.seq = seq
        self.content = content
    }
}

/// Large archived files kept in parts (`FileArchive.partBytes`).
struct AddFileArchiveParts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ArchivedFilePart.schema)
            .id()
            .field("file_id", .uuid, .required, .references(ArchivedFile.schema, "id"))
            .field("seq", .int, .required)
            .field("content", .data, .required)
            .unique(on: "file_id", "seq")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ArchivedFilePart.schema).delete()
    }
}
