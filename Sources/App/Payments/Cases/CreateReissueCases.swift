import Fluent
import SQLKit

struct CreateReissueCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reissue_cases")
            .id()
            .field("person_id", .uuid, .required)
            .field("township_code", .string, .required)
            .field("id_number", .string, .required)
            .field("name", .string, .required)
            .field("period", .string, .required)
            .field("roll_id", .uuid, .required, .references("payment_rolls", "id"))
            .field("result_id", .uuid, .required, .references("bank_results", "id"))
            .field("amount_fen", .int64, .required)
            .field("failed_card", .string, .required)
            .field("failure", .string, .required)
            .field("status", .string, .required)
            .field("reissue_roll_id", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // One failure of one period is re-issued once, however many result files mention it.
            .unique(on: "person_id", "period")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_reissue_status").on("reissue_cases").column("status").column("township_code")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reissue_cases").delete()
    }
}
