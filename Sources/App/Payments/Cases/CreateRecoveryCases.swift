import Fluent
import SQLKit

struct CreateRecoveryCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("recovery_cases")
            .id()
            .field("person_id", .uuid, .required)
            .field("township_code", .string, .required)
            .field("id_number", .string, .required)
            .field("name", .string, .required)
            .field("period", .string, .required)
            .field("roll_id", .uuid, .required, .references("payment_rolls", "id"))
            .field("amount_fen", .int64, .required)
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("notes", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // A period overpaid to a person is one case, found however often the scan runs.
            .unique(on: "person_id", "period")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_recovery_status").on("recovery_cases").column("status").column("township_code")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("recovery_cases").delete()
    }
}
