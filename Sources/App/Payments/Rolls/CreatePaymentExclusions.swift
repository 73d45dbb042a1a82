import Fluent
import SQLKit

struct CreatePaymentExclusions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("payment_exclusions")
            .field("id", .int64, .identifier(auto: true))
            .field("roll_id", .uuid, .required, .references("payment_rolls", "id"))
            .field("person_id", .uuid, .required)
            .field("township_code", .string, .required)
            .field("village_code", .string, .required)
            .field("id_number", .string, .required)
            .field("name", .string, .required)
            .field("reason", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_exclusions_roll").on("payment_exclusions").column("roll_id").column(
            "township_code"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("payment_exclusions").delete()
    }
}
