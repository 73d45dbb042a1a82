import Fluent
import ResettleCore
import SQLKit

/// Versions of the payment policy, each from its effective date. Rows are only ever added: an
/// old period is computed with the version that was in force then, so nothing may rewrite it.
struct CreatePaymentPolicies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("payment_policies")
            .id()
            .field("effective_from", .string, .required)
            .field("yearly_rate_fen", .int64, .required)
            .field("periods_per_year", .int, .required)
            .field("existing_support_start", .string, .required)
            .field("existing_support_years", .int, .required)
            .field("relocated_support_years", .int, .required)
            .field("minimum_notice_days", .int, .required)
            .field("memo", .string, .required)
            .field("document", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "effective_from")
            .create()
        // The standard policy (国发〔2006〕17号) is the first version, so a fresh system computes
        // periods the way the county always has.
        let standard = PaymentPolicy.standard
        let version = PaymentPolicyVersion(standard, document: "国发〔2006〕17号", createdBy: "system")
        try await version.create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("payment_policies").delete()
    }
}
