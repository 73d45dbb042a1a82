import Fluent
import Vapor

/// One bank result file imported against a locked roll, with its reconciliation summary. The
/// file itself is in the archive (purpose `bank_result`) under `sha256`.
final class BankResult: Model, @unchecked Sendable {
    static let schema = "bank_results"

    @ID(key: .id) var id: UUID?
    @Field(key: "roll_id") var rollID: UUID
    @Field(key: "file_name") var fileName: String
    @Field(key: "sha256") var sha256: String
    /// What the file said, whatever its bytes (`BankResultDigest`): unique per roll. Empty only
    /// for a second copy imported before the digest existed.
    @OptionalField(key: "content_sha256") var contentSHA256: String?
    @Field(key: "row_count") var rowCount: Int
    @Field(key: "success_count") var successCount: Int
    @Field(key: "failed_count") var failedCount: Int
    @Field(key: "paid_fen") var paidFen: Int64
    @Field(key: "difference_count") var differenceCount: Int
    /// Differences per kind (`ReconciliationDifference.Kind` raw value → count), every kind present.
    @Field(key: "counts_json") var countsJSON: String
    @Field(key: "imported_by") var importedBy: String
    @Field(key: "imported_at") var importedAt: Date
    /// Set when the result was voided (`BankResultVoiding`): by a second person, with a reason.
    /// A voided result stays on record but no longer counts anywhere.
    @OptionalField(key: "voided_by") var voidedBy: String?
    @OptionalField(key: "voided_at") var voidedAt: Date?
    @OptionalField(key: "void_reason") var voidReason: String?

    init() {}

    var isVoided: Bool { voidedAt != nil }

    var counts: [String: Int] {
        (try? JSONDecoder().decode([String: Int].self, from: Data(countsJSON.utf8))) ?? [:]
    }
}
