import Fluent

struct CreateReservoirs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reservoirs")
            .id()
            .field("name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reservoirs").delete()
    }
}
