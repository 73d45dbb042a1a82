import Fluent

struct CreateRelocationTasks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RelocationTask.schema)
            .id()
            .field("year", .int, .required)
            .field("document", .string, .required)
            .field("township_code", .string, .required)
            .field("target_households", .int, .required)
            .field("target_people", .int, .required)
            .field("subsidy_per_household_fen", .int64, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "document", "township_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RelocationTask.schema).delete()
    }
}
