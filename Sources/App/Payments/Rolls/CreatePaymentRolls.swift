import Fluent
import SQLKit

struct CreatePaymentRolls: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("payment_rolls")
            .id()
            .field("period", .string, .required)
            .field("status", .string, .required)
            .field("policy_effective_from", .string, .required)
            .field("yearly_rate_fen", .int64, .required)
            .field("amount_per_period_fen", .int64, .required)
            .field("memo", .string, .required)
            .field("line_count", .int, .required)
            .field("total_fen", .int64, .required)
            .field("excluded_count", .int, .required)
            .field("generation", .int, .required)
            .field("generated_by", .string, .required)
            .field("generated_at", .datetime, .required)
            .field("approved_by", .string)
            .field("approved_at", .datetime)
            .field("created_at", .datetime)
            // One roll per period: a draft is regenerated in place and an approved one is locked,
            // so a second roll that could pay the same quarter again cannot exist.
            .unique(on: "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("payment_rolls").delete()
    }
}
