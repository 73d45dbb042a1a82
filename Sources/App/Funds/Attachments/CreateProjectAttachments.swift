import Fluent

struct CreateProjectAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectAttachment.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("document", .string, .required)
            .field("file_id", .uuid, .required, .references(ArchivedFile.schema, "id"))
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("sha256", .string, .required)
            .field("size", .int, .required)
            .field("uploaded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectAttachment.schema).delete()
    }
}
