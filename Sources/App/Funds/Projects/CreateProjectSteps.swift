import Fluent

struct CreateProjectSteps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectStep.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("kind", .string, .required)
            .field("stage_after", .string, .required)
            .field("actor", .string, .required)
            .field("acted_on", .string, .required)
            .field("opinion", .string, .required)
            .field("facts_json", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectStep.schema).delete()
    }
}
