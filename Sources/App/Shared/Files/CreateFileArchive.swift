import Fluent
import SQLKit

struct CreateFileArchive: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("file_archive")
            .id()
            .field("purpose", .string, .required)
            .field("direction", .string, .required)
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("size", .int, .required)
            .field("content", .data, .required)
            .field("actor", .string, .required)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_file_archive_sha").on("file_archive").column("purpose").column("sha256").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("file_archive").delete()
    }
}
