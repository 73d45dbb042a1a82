/// One row of our payment roll (发放花名册) as exported to the finance one-card system.
/// Fields are kept as text exactly as in the file; the reconciler normalises them itself so
/// that a file that did not parse cleanly can still be compared and its faults reported.
public struct RollRecord: Hashable, Sendable, Codable {
    public let idNumber: String
    public let name: String
    public let card: String
    public let amountFen: Int64

    public init(idNumber: String, name: String, card: String, amountFen: Int64) {
        self.idNumber = idNumber
        self.name = name
        self.card = card
        self.amountFen = amountFen
    }
}

/// One row of the bank's result file: what was paid to whom, and the bank's status text.
public struct PaidRecord: Hashable, Sendable, Codable {
    public let idNumber: String
    public let name: String
    public let card: String
    public let amountFen: Int64
    /// The bank's own words: 成功, 失败, 账户不存在, SUCCESS, ... See `PaymentStatusRule`.
    public let status: String

    public init(idNumber: String, name: String, card: String, amountFen: Int64, status: String) {
        self.idNumber = idNumber
        self.name = name
        self.card = card
        self.amountFen = amountFen
        self.status = status
    }
}
