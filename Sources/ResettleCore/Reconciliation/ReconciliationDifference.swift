/// One difference between the roll and the bank result, about one resident ID.
public struct ReconciliationDifference: Hashable, Sendable, Codable {
    /// The kinds of difference. Raw values are the codes written to files and must not change.
    /// Output is ordered by these raw strings (amount_mismatch, card_mismatch, duplicate_in_paid,
    /// duplicate_in_roll, in_roll_not_paid, name_mismatch, paid_not_in_roll, payment_failed), so
    /// that the order can be reproduced by anyone sorting the CSV as text.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        case duplicateInRoll = "duplicate_in_roll"
        case duplicateInPaid = "duplicate_in_paid"
        case inRollNotPaid = "in_roll_not_paid"
        case paidNotInRoll = "paid_not_in_roll"
        case nameMismatch = "name_mismatch"
        case cardMismatch = "card_mismatch"
        case amountMismatch = "amount_mismatch"
        case paymentFailed = "payment_failed"

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

        public var chinese: String {
            switch self {
            case .duplicateInRoll: return "花名册中身份证号重复"
            case .duplicateInPaid: return "银行结果中身份证号重复"
            case .inRollNotPaid: return "花名册有、银行结果无"
            case .paidNotInRoll: return "银行结果有、花名册无"
            case .nameMismatch: return "姓名不一致"
            case .cardMismatch: return "账号不一致"
            case .amountMismatch: return "金额不一致"
            case .paymentFailed: return "发放失败（退票）"
            }
        }
    }

    public let kind: Kind
    /// The normalised comparison key (`ResidentID.comparisonKey`): the 18-character number when
    /// valid, otherwise the trimmed upper-cased text as found.
    public let idNumber: String
    /// Machine-readable detail: `count=2`, `amount=150.00`, `roll=张三|paid=张山`, `status=失败`.
    public let detail: String

    public init(kind: Kind, idNumber: String, detail: String) {
        self.kind = kind
        self.idNumber = idNumber
        self.detail = detail
    }

    /// The report order: by ID, then by kind. The detail breaks no ties in practice (one row
    /// per kind per ID) but is compared so the order is total.
    public static func reportOrder(_ a: ReconciliationDifference, _ b: ReconciliationDifference) -> Bool {
        if a.idNumber != b.idNumber { return a.idNumber < b.idNumber }
        if a.kind != b.kind { return a.kind < b.kind }
        return a.detail < b.detail
    }
}
