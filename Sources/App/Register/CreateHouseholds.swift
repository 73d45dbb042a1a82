import Fluent
import SQLKit

struct CreateHouseholds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("households")
            .id()
            .field("head_id_number", .string, .required)
            .field("township_code", .string, .required, .references("regions", "code"))
            .field("village_code", .string, .required, .references("regions", "code"))
            .field("group_code", .string)
            .field("created_at", .datetime)
            .unique(on: "head_id_number")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_households_township").on("households").column("township_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("households").delete()
    }
}
