import Fluent

/// The digest of an approved roll's lines (`RollDigest`), set at approval.
struct AddPaymentRollLinesDigest: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("payment_rolls").field("lines_digest", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("payment_rolls").deleteField("lines_digest").update()
    }
}
