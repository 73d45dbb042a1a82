import Fluent
import ResettleCore
import Vapor

/// The payment roll (发放花名册) of one period. A draft may be regenerated or discarded; approval
/// by a second person locks it, and from then on neither it nor its lines change. A discarded
/// draft is kept, with who discarded it and why, but is no longer the period's roll: a period
/// has at most one live (draft or approved) roll.
final class PaymentRoll: Model, @unchecked Sendable {
    static let schema = "payment_rolls"

    enum Status: String, Sendable, CaseIterable {
        case draft, approved, discarded

        var chinese: String {
            switch self {
            case .draft: return "草稿（待审批）"
            case .approved: return "已审批锁定"
            case .discarded: return "已作废"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "period") var period: String
    @Field(key: "status") var status: String
    /// The policy the amounts were computed with, stored so that a later policy version can
    /// never change what this roll says.
    @Field(key: "policy_effective_from") var policyEffectiveFrom: String
    @Field(key: "yearly_rate_fen") var yearlyRateFen: Int64
    @Field(key: "amount_per_period_fen") var amountPerPeriodFen: Int64
    @Field(key: "memo") var memo: String
    @Field(key: "line_count") var lineCount: Int
    @Field(key: "total_fen") var totalFen: Int64
    @Field(key: "excluded_count") var excludedCount: Int
    /// How many times the draft was generated; each generation is in the audit trail.
    @Field(key: "generation") var generation: Int
    @Field(key: "generated_by") var generatedBy: String
    @Field(key: "generated_at") var generatedAt: Date
    @OptionalField(key: "approved_by") var approvedBy: String?
    @OptionalField(key: "approved_at") var approvedAt: Date?
    /// SHA-256 over the lines at approval (`RollDigest`), also in the approval's audit entry;
    /// `audit verify` recomputes it, so a line edited behind the application's back shows.
    @OptionalField(key: "lines_digest") var linesDigest: String?
    /// Set when a draft is discarded (`RollDiscard`).
    @OptionalField(key: "discarded_by") var discardedBy: String?
    @OptionalField(key: "discarded_at") var discardedAt: Date?
    @OptionalField(key: "discard_reason") var discardReason: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var statusValue: Status { Status(rawValue: status) ?? .draft }
    var isLocked: Bool { statusValue == .approved }
    var isDiscarded: Bool { statusValue == .discarded }
    var periodValue: PaymentPeriod? { PaymentPeriod(label: period) }
}

/// What the audit trail records of a roll.
struct RollSnapshot: Codable, Sendable {
    var id: String
    var period: String
    var status: String
    var policyEffectiveFrom: String
    var amountPerPeriodFen: Int64
    var lineCount: Int
    var totalFen: Int64
    var excludedCount: Int
    var generation: Int
    var generatedBy: String
    var approvedBy: String?
    /// Only set once approved; absent from the JSON of drafts.
    var linesDigest: String?
    /// Only set once discarded.
    var discardedBy: String?
    var discardReason: String?

    init(_ r: PaymentRoll) {
        id = r.id?.uuidString ?? ""
        period = r.period
        status = r.status
        policyEffectiveFrom = r.policyEffectiveFrom
        amountPerPeriodFen = r.amountPerPeriodFen
        lineCount = r.lineCount
        totalFen = r.totalFen
        excludedCount = r.excludedCount
        generation = r.generation
        generatedBy = r.generatedBy
        approvedBy = r.approvedBy
        linesDigest = r.linesDigest
        discardedBy = r.discardedBy
        discardReason = r.discardReason
    }
}
