import Fluent
import SQLKit

/// The payee list exported from the provincial resettlement system for a period, kept to
/// match three ways: our roll, the bank's result, the province's list.
struct CreateProvincialLists: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("provincial_lists")
            .id()
            .field("roll_id", .uuid, .required, .references("payment_rolls", "id"))
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("row_count", .int, .required)
            .field("imported_by", .string, .required)
            .field("imported_at", .datetime, .required)
            .unique(on: "sha256")
            .create()
        try await database.schema("provincial_list_lines")
            .field("id", .int64, .identifier(auto: true))
            .field("list_id", .uuid, .required, .references("provincial_lists", "id"))
            .field("row_number", .int, .required)
            .field("id_number", .string, .required)
            .field("name", .string, .required)
            .field("card_number", .string, .required)
            .field("amount_fen", .int64, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_provincial_lines_list").on("provincial_list_lines").column("list_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("provincial_list_lines").delete()
        try await database.schema("provincial_lists").delete()
    }
}
