import Fluent

struct CreateProjectIncomes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectIncome.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("year", .int, .required)
            .field("tenant", .string, .required)
            .field("rent_due_fen", .int64, .required)
            .field("rent_received_fen", .int64, .required)
            .field("received_on", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectIncome.schema).delete()
    }
}
