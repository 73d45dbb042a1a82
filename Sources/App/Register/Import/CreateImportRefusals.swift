import Fluent

struct CreateImportRefusals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ImportRefusal.schema)
            .field("id", .uuid, .identifier(auto: false), .references("file_archive", "id"))
            .field("purpose", .string, .required)
            .field("file_name", .string, .required)
            .field("actor", .string, .required)
            .field("township_code", .string)
            .field("header_row", .int, .required)
            .field("error_count", .int, .required)
            .field("issues", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportRefusal.schema).delete()
    }
}
