import Fluent
import SQLKit

struct CreateBankResults: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bank_results")
            .id()
            .field("roll_id", .uuid, .required, .references("payment_rolls", "id"))
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("row_count", .int, .required)
            .field("success_count", .int, .required)
            .field("failed_count", .int, .required)
            .field("paid_fen", .int64, .required)
            .field("difference_count", .int, .required)
            .field("counts_json", .string, .required)
            .field("imported_by", .string, .required)
            .field("imported_at", .datetime, .required)
            // The same bank file is never imported twice (the archive also refuses it by hash).
            .unique(on: "sha256")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("bank_results").delete()
    }
}
