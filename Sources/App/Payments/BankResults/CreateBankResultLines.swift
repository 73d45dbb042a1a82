import Fluent
import SQLKit

struct CreateBankResultLines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bank_result_lines")
            .field("id", .int64, .identifier(auto: true))
            .field("result_id", .uuid, .required, .references("bank_results", "id"))
            .field("row_number", .int, .required)
            .field("id_number", .string, .required)
            .field("name", .string, .required)
            .field("card_number", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("status", .string, .required)
            .field("succeeded", .bool, .required)
            .field("failure_reason", .string, .required)
            .field("trade_date", .string, .required)
            // Filled when the row matches a roll line, so a person's page can show it and a
            // township sees only its own rows.
            .field("person_id", .uuid)
            .field("township_code", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_bank_lines_result").on("bank_result_lines").column("result_id").run()
        try await sql.create(index: "idx_bank_lines_person").on("bank_result_lines").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("bank_result_lines").delete()
    }
}
