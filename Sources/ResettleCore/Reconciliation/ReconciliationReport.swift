/// The outcome of a reconciliation: every difference, counts by kind, and the CSV for staff.
public struct ReconciliationReport: Hashable, Sendable {
    public let rollRowCount: Int
    public let paidRowCount: Int
    /// Sorted by ID, then kind (see `Reconciler`).
    public let differences: [ReconciliationDifference]

    public init(rollRowCount: Int, paidRowCount: Int, differences: [ReconciliationDifference]) {
        self.rollRowCount = rollRowCount
        self.paidRowCount = paidRowCount
        self.differences = differences
    }

    /// True when the two files match exactly (完全匹配), the office's stated goal.
    public var isExactMatch: Bool { differences.isEmpty }

    /// How many differences of each kind; every kind is present, with 0 when none.
    public var counts: [ReconciliationDifference.Kind: Int] {
        var counts = Dictionary(uniqueKeysWithValues: ReconciliationDifference.Kind.allCases.map { ($0, 0) })
        for difference in differences { counts[difference.kind, default: 0] += 1 }
        return counts
    }

    /// `kind,id_number,detail`, header first, one line per difference, `\n` line ends. Fields
    /// are quoted as RFC 4180 requires when they hold a comma, quote or line break (a name in a
    /// detail may).
    public var csv: String {
        var text = "kind,id_number,detail\n"
        text.reserveCapacity(24 + differences.count * 48)
        for difference in differences {
            text += difference.kind.rawValue
            text += ","
            text += CSVField.escape(difference.idNumber)
            text += ","
            text += CSVField.escape(difference.detail)
            text += "\n"
        }
        return text
    }
}

enum CSVField {
    /// Neutralised as every CSV the system writes (`CSVFormulaGuard`): an ID the bank file got
    /// wrong is reported as it was typed, and may begin with `=`.
    static func escape(_ cell: String) -> String {
        let field = CSVFormulaGuard.neutralized(cell)
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        var quoted = "\""
        for ch in field {
            if ch == "\"" { quoted += "\"\"" } else { quoted.append(ch) }
        }
        return quoted + "\""
    }
}
