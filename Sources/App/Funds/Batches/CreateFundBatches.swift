import Fluent

struct CreateFundBatches: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FundBatch.schema)
            .id()
            .field("year", .int, .required)
            .field("category", .string, .required)
            .field("document", .string, .required)
            .field("received_on", .string, .required)
            .field("level", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("manager", .string, .required)
            .field("memo", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            // One document number is one batch: entering it twice is refused, so a re-run of the
            // same entry cannot count the money twice.
            .unique(on: "document")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FundBatch.schema).delete()
    }
}
