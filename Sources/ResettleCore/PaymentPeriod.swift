/// A payment period: Shaodong pays quarterly (4 a year), but the count is a policy setting, so
/// a period is "the k-th of n equal runs of months in a year". 12 must divide by n.
public struct PaymentPeriod: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let index: Int
    public let periodsPerYear: Int

    public init?(year: Int, index: Int, periodsPerYear: Int = 4) {
        guard [1, 2, 3, 4, 6, 12].contains(periodsPerYear), (1...periodsPerYear).contains(index), year > 0
        else { return nil }
        self.year = year
        self.index = index
        self.periodsPerYear = periodsPerYear
    }

    /// The period that contains `date`.
    public init(containing date: CivilDate, periodsPerYear: Int = 4) {
        let months = 12 / periodsPerYear
        self.init(year: date.year, index: (date.month - 1) / months + 1, periodsPerYear: periodsPerYear)!
    }

    /// Parses labels such as `2022Q3` (quarters), `2022H1` (halves), `2022M07` (months), `2022Y` (year).
    public init?(label: String) {
        let text = label.trimmingIDWhitespace().uppercased()
        guard text.count >= 5, let year = Int(text.prefix(4)) else { return nil }
        let rest = text.dropFirst(4)
        switch rest.first {
        case "Q":
            guard let i = Int(rest.dropFirst()) else { return nil }
            self.init(year: year, index: i, periodsPerYear: 4)
        case "H":
            guard let i = Int(rest.dropFirst()) else { return nil }
            self.init(year: year, index: i, periodsPerYear: 2)
        case "M":
            guard let i = Int(rest.dropFirst()) else { return nil }
            self.init(year: year, index: i, periodsPerYear: 12)
        case "Y" where rest.count == 1: self.init(year: year, index: 1, periodsPerYear: 1)
        default: return nil
        }
    }

    public var monthsLong: Int { 12 / periodsPerYear }

    public var start: CivilDate { CivilDate(year: year, month: (index - 1) * monthsLong + 1, day: 1)! }

    /// The last day of the period.
    public var end: CivilDate { next.start.adding(days: -1) }

    public var next: PaymentPeriod {
        index == periodsPerYear
            ? PaymentPeriod(year: year + 1, index: 1, periodsPerYear: periodsPerYear)!
            : PaymentPeriod(year: year, index: index + 1, periodsPerYear: periodsPerYear)!
    }

    public var previous: PaymentPeriod {
        index == 1
            ? PaymentPeriod(year: year - 1, index: periodsPerYear, periodsPerYear: periodsPerYear)!
            : PaymentPeriod(year: year, index: index - 1, periodsPerYear: periodsPerYear)!
    }

    public var label: String {
        switch periodsPerYear {
        case 4: return "\(year)Q\(index)"
        case 2: return "\(year)H\(index)"
        case 12: return "\(year)M" + (index < 10 ? "0\(index)" : "\(index)")
        case 1: return "\(year)Y"
        default: return "\(year)P\(index)of\(periodsPerYear)"
        }
    }

    /// `2022年第3季度`.
    public var chinese: String {
        switch periodsPerYear {
        case 4: return "\(year)年第\(index)季度"
        case 2: return "\(year)年\(index == 1 ? "上" : "下")半年"
        case 12: return "\(year)年\(index)月"
        case 1: return "\(year)年度"
        default: return "\(year)年第\(index)期"
        }
    }

    public var description: String { label }

    public static func < (lhs: PaymentPeriod, rhs: PaymentPeriod) -> Bool { lhs.start < rhs.start }

    /// The rule for every approved change to the register: it takes effect from the start of the
    /// period after the one in which it was approved. A reduction approved on 2022-09-30 stops
    /// payment from 2022Q4; one approved on 2022-12-31 from 2023Q1. The period being approved
    /// in is paid as it stood, so a roll generated earlier in the quarter stays right.
    public static func effectivePeriod(approvedOn date: CivilDate, periodsPerYear: Int = 4) -> PaymentPeriod {
        PaymentPeriod(containing: date, periodsPerYear: periodsPerYear).next
    }
}
