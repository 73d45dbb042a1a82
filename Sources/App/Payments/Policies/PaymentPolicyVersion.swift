import Fluent
import ResettleCore
import Vapor

/// One stored version of the payment policy (`ResettleCore.PaymentPolicy`) and the document
/// that set it. Versions are added, never edited: see `PolicyStore`.
final class PaymentPolicyVersion: Model, @unchecked Sendable {
    static let schema = "payment_policies"

    @ID(key: .id) var id: UUID?
    @Field(key: "effective_from") var effectiveFrom: String
    @Field(key: "yearly_rate_fen") var yearlyRateFen: Int64
    @Field(key: "periods_per_year") var periodsPerYear: Int
    @Field(key: "existing_support_start") var existingSupportStart: String
    @Field(key: "existing_support_years") var existingSupportYears: Int
    @Field(key: "relocated_support_years") var relocatedSupportYears: Int
    @Field(key: "minimum_notice_days") var minimumNoticeDays: Int
    @Field(key: "memo") var memo: String
    /// The official document (文号) that set this version, e.g. 国发〔2006〕17号.
    @Field(key: "document") var document: String
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(_ policy: PaymentPolicy, document: String, createdBy: String) {
        effectiveFrom = policy.effectiveFrom.iso
        yearlyRateFen = policy.yearlyRateFen
        periodsPerYear = policy.periodsPerYear
        existingSupportStart = policy.existingSupportStart.iso
        existingSupportYears = policy.existingSupportYears
        relocatedSupportYears = policy.relocatedSupportYears
        minimumNoticeDays = policy.minimumNoticeDays
        memo = policy.memo
        self.document = document
        self.createdBy = createdBy
    }

    /// The Core policy, validated again: a row edited behind the application's back that no
    /// longer makes a valid policy stops roll generation instead of paying a wrong amount.
    func policy() throws -> PaymentPolicy {
        guard let from = CivilDate(parsing: effectiveFrom), let start = CivilDate(parsing: existingSupportStart) else {
            throw ResettleError.conflict("政策版本的日期无效（\(effectiveFrom)）")
        }
        do {
            return try PaymentPolicy(
                effectiveFrom: from, yearlyRateFen: yearlyRateFen, periodsPerYear: periodsPerYear,
                existingSupportStart: start,
                existingSupportYears: existingSupportYears, relocatedSupportYears: relocatedSupportYears,
                minimumNoticeDays: minimumNoticeDays, memo: memo)
        } catch {
            throw ResettleError.conflict(error.message)
        }
    }
}
