/// Why two files could not be reconciled: every problem found in either file, so that a clerk
/// fixes them all in one pass instead of one per attempt.
///
/// A file-level problem (unreadable, wrong encoding, missing columns) is one issue and stops
/// the reading of that file; row problems (blank ID, amount such as `1,500.00` or `150元`, an
/// ID rounded by Excel) are all counted, and the first `shownLimit` of them are kept in file
/// order. Issues of the roll come before those of the bank file.
public struct ReconcileFilesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// At most this many issues are kept; `totalCount` says how many there were.
    public static let shownLimit = 100

    /// The first issues found, roll first; each names its file, row and column.
    public let issues: [TableIssue]
    /// Every issue found, including those not kept.
    public let totalCount: Int

    public init(issues: [TableIssue], totalCount: Int) {
        self.issues = issues
        self.totalCount = totalCount
    }

    /// One issue per line, `file:row:column: message`, with a closing count when some are not
    /// shown.
    public var description: String {
        var lines = issues.map(\.description)
        if totalCount > issues.count {
            lines.append("……共 \(totalCount) 处问题，仅列出前 \(issues.count) 处。")
        }
        return lines.joined(separator: "\n")
    }
}

/// Issues of one file as they are found: all are counted, the first `limit` are kept.
struct ReconcileIssueList: Sendable {
    let limit: Int
    private(set) var kept: [TableIssue] = []
    private(set) var total = 0

    init(limit: Int = ReconcileFilesError.shownLimit) {
        self.limit = limit
    }

    var isEmpty: Bool { total == 0 }

    mutating func add(_ issue: TableIssue) {
        total += 1
        if kept.count < limit { kept.append(issue) }
    }

    /// Both files' issues as one error, `first` before `second`, the limit applied to the whole.
    static func combined(_ first: ReconcileIssueList, _ second: ReconcileIssueList) -> ReconcileFilesError {
        let issues = Array((first.kept + second.kept).prefix(ReconcileFilesError.shownLimit))
        return ReconcileFilesError(issues: issues, totalCount: first.total + second.total)
    }
}
