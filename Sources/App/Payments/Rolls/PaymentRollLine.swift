import Foundation

/// One payee of a roll, as read back from `payment_roll_lines`. Lines are written and read in
/// bulk with SQLKit (a roll has up to a million), so this is a plain row, not a Fluent model.
/// Name, ID and account are copied from the register when the roll is generated: the roll
/// records what was sent to the bank even after the register changes.
struct PaymentRollLine: Codable, Sendable {
    enum Kind: String, Sendable {
        /// The period's own payment.
        case regular
        /// A failed payment (退票) of an earlier period paid again after the account was fixed.
        case reissue

        var chinese: String { self == .regular ? "正常发放" : "补发" }
    }

    var seq: Int
    var person_id: UUID
    var township_code: String
    var village_code: String
    var id_number: String
    var name: String
    var bank_name: String?
    var card_number: String
    var amount_fen: Int64
    var kind: String
    /// The period this money is for: the roll's own, or the failed period for a re-issue.
    var for_period: String
    var reissue_case_id: UUID?

    static let columns = [
        "seq", "person_id", "township_code", "village_code", "id_number", "name", "bank_name", "card_number",
        "amount_fen",
        "kind", "for_period", "reissue_case_id",
    ]

    var kindValue: Kind { Kind(rawValue: kind) ?? .regular }
}
