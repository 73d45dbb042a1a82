import Fluent

struct CreateSpotCheckDraws: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SpotCheckDraw.schema)
            .id()
            .field("year", .int, .required)
            .field("rate_percent", .int, .required)
            .field("seed", .int64, .required)
            .field("candidates_json", .string, .required)
            .field("drawn_json", .string, .required)
            .field("drawn_by", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SpotCheckDraw.schema).delete()
    }
}
