import Fluent

struct CreateProjectFindings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectFinding.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("text", .string, .required)
            .field("raised_by", .string, .required)
            .field("raised_on", .string, .required)
            .field("resolved_by", .string)
            .field("resolved_on", .string)
            .field("resolution", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectFinding.schema).delete()
    }
}
