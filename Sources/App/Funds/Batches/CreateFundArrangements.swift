import Fluent

struct CreateFundArrangements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FundArrangement.schema)
            .id()
            .field("batch_id", .uuid, .required, .references(FundBatch.schema, "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("amount_fen", .int64, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FundArrangement.schema).delete()
    }
}
