import Fluent
import SQLKit

struct CreateReconciliationDifferences: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reconciliation_differences")
            .field("id", .int64, .identifier(auto: true))
            .field("result_id", .uuid, .required, .references("bank_results", "id"))
            .field("seq", .int, .required)
            .field("kind", .string, .required)
            .field("id_number", .string, .required)
            .field("detail", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_differences_result").on("reconciliation_differences").column("result_id")
            .column("kind").column("seq").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reconciliation_differences").delete()
    }
}
