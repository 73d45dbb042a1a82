import Fluent
import SQLKit

struct CreatePaymentRollLines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // An integer key: a roll has up to a million lines and UUIDs would double the index.
        try await database.schema("payment_roll_lines")
            .field("id", .int64, .identifier(auto: true))
            .field("roll_id", .uuid, .required, .references("payment_rolls", "id"))
            .field("seq", .int, .required)
            .field("person_id", .uuid, .required)
            .field("township_code", .string, .required)
            .field("village_code", .string, .required)
            .field("id_number", .string, .required)
            .field("name", .string, .required)
            .field("bank_name", .string)
            .field("card_number", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("kind", .string, .required)
            .field("for_period", .string, .required)
            .field("reissue_case_id", .uuid)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_roll_lines_roll_seq").on("payment_roll_lines").column("roll_id").column("seq")
            .run()
        try await sql.create(index: "idx_roll_lines_township").on("payment_roll_lines").column("roll_id").column(
            "township_code"
        ).column("village_code").run()
        try await sql.create(index: "idx_roll_lines_person").on("payment_roll_lines").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("payment_roll_lines").delete()
    }
}
