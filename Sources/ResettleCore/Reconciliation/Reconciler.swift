/// Compares a payment roll with the bank's result, resident ID by resident ID, and reports
/// every difference by kind. The goal stated by the office is that the two lists match
/// exactly (完全匹配); anything else is a row someone must look at.
///
/// Rules:
/// - IDs are compared by `ResidentID.comparisonKey` (trimmed, `x`→`X`, 15→18 digits); invalid
///   IDs are compared by their trimmed upper-cased text, so they still match themselves.
/// - An ID on more than one row of a file is reported once per file as `duplicate_in_roll` /
///   `duplicate_in_paid` with `count=N`, and nothing else is reported for it: which of its rows
///   to compare is exactly what a person has to decide.
/// - An ID in one file only is `in_roll_not_paid` / `paid_not_in_roll` with that file's amount
///   (a paid-only row's status is not separately reported).
/// - An ID once in each is checked for name, card, amount and status; each that differs is one
///   row, so one ID can have several. Names and cards are compared with every blank removed
///   (see `ReconciliationText.compact`) and shown that way in the detail.
/// - Output is sorted by ID (string order, which for the 18-character keys is numeric order),
///   then by kind in raw-value order.
public struct Reconciler: Sendable {
    public let statusRule: PaymentStatusRule

    public init(statusRule: PaymentStatusRule = .standard) {
        self.statusRule = statusRule
    }

    public func reconcile(roll: [RollRecord], paid: [PaidRecord]) -> ReconciliationReport {
        precondition(roll.count < Int(Int32.max) && paid.count < Int(Int32.max), "too many rows to reconcile")
        var index = MatchIndex(roll: roll)
        index.match(paid: paid, statusRule: statusRule)
        var differences: [ReconciliationDifference] = []

        // Roll rows in file order; a record is fetched again only for a row with something to
        // report, which in a good file is almost none.
        for row in roll.indices {
            if index.duplicated[row] {
                let key = index.rollKeys[row]
                let text = key == MatchIndex.textMarker ? index.rollTextKeys[Int32(row)] : nil
                let rollCount = text.map { index.rollCountsText[$0] } ?? index.rollCountsPacked[key]
                let paidCount = text.map { index.paidCountsText[$0] } ?? index.paidCountsPacked[key]
                // Reported once per key, at the row the index kept for it.
                guard index.keptRow(forRollRow: row) == Int32(row) else { continue }
                let id = index.rollID(row: row)
                if let rollCount {
                    differences.append(.init(kind: .duplicateInRoll, idNumber: id, detail: "count=\(rollCount)"))
                }
                if let paidCount {
                    differences.append(.init(kind: .duplicateInPaid, idNumber: id, detail: "count=\(paidCount)"))
                }
                continue
            }
            let paidRow = index.paidRowForRoll[row]
            if paidRow < 0 {
                differences.append(
                    .init(
                        kind: .inRollNotPaid, idNumber: index.rollID(row: row),
                        detail: "amount=" + Money.yuan(roll[row].amountFen)))
            } else if index.suspect[row] {
                appendFieldDifferences(roll[row], paid[Int(paidRow)], id: index.rollID(row: row), into: &differences)
            }
        }
        for (key, row) in index.paidOnlyPacked {
            appendPaidOnly(
                id: IDKey.text(of: key), count: index.paidCountsPacked[key], amountFen: paid[Int(row)].amountFen,
                into: &differences)
        }
        for (key, row) in index.paidOnlyText {
            appendPaidOnly(
                id: key, count: index.paidCountsText[key], amountFen: paid[Int(row)].amountFen, into: &differences)
        }
        differences.sort(by: ReconciliationDifference.reportOrder)
        return ReconciliationReport(rollRowCount: roll.count, paidRowCount: paid.count, differences: differences)
    }

    private func appendPaidOnly(
        id: String, count: Int?, amountFen: Int64, into differences: inout [ReconciliationDifference]
    ) {
        if let count {
            differences.append(.init(kind: .duplicateInPaid, idNumber: id, detail: "count=\(count)"))
        } else {
            differences.append(.init(kind: .paidNotInRoll, idNumber: id, detail: "amount=" + Money.yuan(amountFen)))
        }
    }

    /// The field checks for an ID found once on each side, one difference per field.
    private func appendFieldDifferences(
        _ r: RollRecord, _ p: PaidRecord, id: String, into differences: inout [ReconciliationDifference]
    ) {
        let rollName = ReconciliationText.compact(r.name)
        let paidName = ReconciliationText.compact(p.name)
        if rollName != paidName {
            differences.append(.init(kind: .nameMismatch, idNumber: id, detail: "roll=\(rollName)|paid=\(paidName)"))
        }
        let rollCard = ReconciliationText.compact(r.card)
        let paidCard = ReconciliationText.compact(p.card)
        if rollCard != paidCard {
            differences.append(.init(kind: .cardMismatch, idNumber: id, detail: "roll=\(rollCard)|paid=\(paidCard)"))
        }
        // A failed payment paid nothing, whatever amount the bank wrote (often 0.00): it is one
        // difference, the failure, not also an amount that does not match.
        let failed = !statusRule.isSuccess(p.status)
        if r.amountFen != p.amountFen, !failed {
            differences.append(
                .init(
                    kind: .amountMismatch, idNumber: id,
                    detail: "roll=\(Money.yuan(r.amountFen))|paid=\(Money.yuan(p.amountFen))"))
        }
        if failed {
            differences.append(
                .init(kind: .paymentFailed, idNumber: id, detail: "status=\(p.status.trimmingIDWhitespace())"))
        }
    }
}

/// Which paid row belongs to which roll row, and whether the pair may differ.
///
/// Each file is read in order, and the work is split into short passes so that the memory
/// accesses that must be random (hash-table probes, one summary read per paid row) sit in
/// tight loops where the processor overlaps many of them; in one long loop it waits for each.
/// For a million rows a side that, and a single hash table (the roll's; only paid IDs missing
/// from the roll get a table of their own), is what brings reconciliation well under a second.
///
/// The roll's passes key every row (`IDKey`, `PackedIDTable`) and keep a small summary of it
/// (name, packed card, amount). The paid passes key every row, look it up, and check it against
/// the roll row's summary, marking the roll row `suspect` when anything may differ. Nothing is
/// decided from the summary that could hide a difference: equal names and equal packed cards
/// are equal fields, and every suspect pair is compared again on the full records.
///
/// Invalid IDs are keyed by their text in small dictionaries. Counts tables hold only keys
/// seen more than once.
private struct MatchIndex {
    /// A key slot holding this marker has its key in a text table instead. No packed key
    /// reaches it: 17 digits are below 10¹⁷.
    static let textMarker = UInt64.max

    /// What is compared of a row before deciding whether to look at it closely.
    struct Summary {
        var name: String
        var card: UInt64
        var amountFen: Int64
        var succeeded: Bool

        init(name: String, card: String, amountFen: Int64, succeeded: Bool) {
            self.name = name
            self.card = ReconciliationText.packedCard(card)
            self.amountFen = amountFen
            self.succeeded = succeeded
        }

        /// False when the rows may differ. An unpackable card (blanks, letters) never counts as
        /// equal here, so it is compared again as text on the full records.
        @inline(__always)
        func certainlyMatches(_ paid: Summary) -> Bool {
            paid.succeeded && paid.amountFen == amountFen && paid.card == card
                && card != ReconciliationText.unpackableCard && paid.name == name
        }
    }

    var rollKeys: [UInt64]
    var rollTable: PackedIDTable
    var rollSummaries: [Summary] = []
    var rollTextKeys: [Int32: String] = [:]
    var rollText: [String: Int32] = [:]
    var rollCountsPacked: [UInt64: Int] = [:]
    var rollCountsText: [String: Int] = [:]

    /// Per roll row, the matching paid row (-1 when none). Only the row the index keeps for a
    /// key is filled in.
    var paidRowForRoll: [Int32]
    /// Per roll row, whether its paid row may differ in name, card, amount or status.
    var suspect: [Bool]
    /// Per roll row, whether its key is on more than one row of either file.
    var duplicated: [Bool]
    var paidOnlyPacked: [UInt64: Int32] = [:]
    var paidOnlyText: [String: Int32] = [:]
    var paidCountsPacked: [UInt64: Int] = [:]
    var paidCountsText: [String: Int] = [:]

    init(roll: [RollRecord]) {
        let count = roll.count
        rollKeys = [UInt64](repeating: 0, count: count)
        rollTable = PackedIDTable(capacity: count)
        rollSummaries.reserveCapacity(count)
        paidRowForRoll = [Int32](repeating: -1, count: count)
        suspect = [Bool](repeating: false, count: count)
        duplicated = [Bool](repeating: false, count: count)
        // Pass 1, in file order: keys and summaries.
        for row in 0..<count {
            let record = roll[row]
            rollSummaries.append(
                Summary(name: record.name, card: record.card, amountFen: record.amountFen, succeeded: true))
            switch IDKey(record.idNumber) {
            case .packed(let key):
                rollKeys[row] = key
            case .text(let key):
                let r = Int32(row)
                rollKeys[row] = MatchIndex.textMarker
                rollTextKeys[r] = key
                if let kept = rollText[key] {
                    rollCountsText[key, default: 1] += 1
                    duplicated[Int(kept)] = true
                    duplicated[row] = true
                } else {
                    rollText[key] = r
                }
            }
        }
        // Pass 2: the table. The first row with a key is the one kept.
        for row in 0..<count {
            let key = rollKeys[row]
            if key != MatchIndex.textMarker, let kept = rollTable.insert(key, row: Int32(row)) {
                rollCountsPacked[key, default: 1] += 1
                duplicated[Int(kept)] = true
                duplicated[row] = true
            }
        }
    }

    /// The row the index keeps for a roll row's key (the first row with that key).
    func keptRow(forRollRow row: Int) -> Int32? {
        let key = rollKeys[row]
        if key == MatchIndex.textMarker { return rollText[rollTextKeys[Int32(row)]!] }
        return rollTable.find(key)
    }

    /// The comparison key of a roll row as text, for the report.
    func rollID(row: Int) -> String {
        let key = rollKeys[row]
        return key != MatchIndex.textMarker ? IDKey.text(of: key) : rollTextKeys[Int32(row)]!
    }

    mutating func match(paid: [PaidRecord], statusRule: PaymentStatusRule) {
        let count = paid.count
        // Pass 1, in file order: keys and summaries. A text key is resolved against the roll at
        // once (rare).
        var paidKeys = [UInt64](repeating: 0, count: count)
        var rollRowForPaid = [Int32](repeating: -1, count: count)
        var paidSummaries: [Summary] = []
        paidSummaries.reserveCapacity(count)
        for row in 0..<count {
            let record = paid[row]
            paidSummaries.append(
                Summary(
                    name: record.name, card: record.card, amountFen: record.amountFen,
                    succeeded: statusRule.isSuccess(record.status)))
            switch IDKey(record.idNumber) {
            case .packed(let key):
                paidKeys[row] = key
            case .text(let key):
                paidKeys[row] = MatchIndex.textMarker
                if let r = rollText[key] {
                    rollRowForPaid[row] = r
                } else if paidOnlyText.updateValue(Int32(row), forKey: key) != nil {
                    paidCountsText[key, default: 1] += 1
                }
            }
        }
        // Pass 2: probes, nothing else, so that many are in flight at once.
        for row in 0..<count {
            let key = paidKeys[row]
            if key != MatchIndex.textMarker, let r = rollTable.find(key) { rollRowForPaid[row] = r }
        }
        // Pass 3: pair each paid row with its roll row and compare summaries. A second paid row
        // for the same roll row is a duplicate.
        for row in 0..<count {
            let matched = rollRowForPaid[row]
            guard matched >= 0 else {
                let key = paidKeys[row]
                if key != MatchIndex.textMarker, paidOnlyPacked.updateValue(Int32(row), forKey: key) != nil {
                    paidCountsPacked[key, default: 1] += 1
                }
                continue
            }
            let r = Int(matched)
            guard paidRowForRoll[r] < 0 else {
                let key = paidKeys[row]
                if key != MatchIndex.textMarker {
                    paidCountsPacked[key, default: 1] += 1
                } else {
                    paidCountsText[rollTextKeys[matched]!, default: 1] += 1
                }
                duplicated[r] = true
                continue
            }
            paidRowForRoll[r] = Int32(row)
            suspect[r] = !rollSummaries[r].certainlyMatches(paidSummaries[row])
        }
    }
}
