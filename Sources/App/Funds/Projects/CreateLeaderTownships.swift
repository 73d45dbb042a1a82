import Fluent

struct CreateLeaderTownships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LeaderTownship.schema)
            .id()
            .field("township_code", .string, .required)
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            // One linked leader a township; a leader may link several.
            .unique(on: "township_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LeaderTownship.schema).delete()
    }
}
