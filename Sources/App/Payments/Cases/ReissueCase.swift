import Fluent
import Vapor

/// A failed payment (退票) waiting to be paid again. It is paid by a later roll once the
/// person's account differs from the one that failed, and closed when that roll is approved.
final class ReissueCase: Model, @unchecked Sendable {
    static let schema = "reissue_cases"

    enum Status: String, Sendable, CaseIterable {
        /// Waiting for the account to be corrected and a roll to pay it.
        case open
        /// Paid again by `reissueRollID` (an approved roll).
        case reissued
        /// Withdrawn because the bank result that opened it was voided (`BankResultVoiding`);
        /// a corrected result that fails the same payment opens it again.
        case withdrawn

        var chinese: String {
            switch self {
            case .open: return "待补发"
            case .reissued: return "已补发"
            case .withdrawn: return "已撤回（银行结果已作废）"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "id_number") var idNumber: String
    @Field(key: "name") var name: String
    /// The period the failed money was for.
    @Field(key: "period") var period: String
    @Field(key: "roll_id") var rollID: UUID
    @Field(key: "result_id") var resultID: UUID
    @Field(key: "amount_fen") var amountFen: Int64
    /// The account the bank could not pay into; a re-issue waits until the register has another.
    @Field(key: "failed_card") var failedCard: String
    @Field(key: "failure") var failure: String
    @Field(key: "status") var status: String
    /// The roll that pays (or paid) this case: its claim, taken only while no other roll holds it.
    @OptionalField(key: "reissue_roll_id") var reissueRollID: UUID?
    /// How many times the case was reopened because its re-issue failed too; the roll line that
    /// pays it carries the same number, and the database allows one line per case and attempt.
    @Field(key: "reissue_attempt") var reissueAttempt: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        reissueAttempt = 0
    }

    var statusValue: Status { Status(rawValue: status) ?? .open }
}
