import Foundation

@testable import App

/// Fixed inputs for the page snapshots: the same ids, token, names and dates on every run, so
/// a snapshot holds exactly one rendering.
enum ViewFixture {
    static let csrf = "csrf-fixed-0123456789abcdef"

    /// A fixed UUID string, `00000000-0000-4000-8000-00000000000n`.
    static func id(_ n: Int) -> String { uuid(n).uuidString }

    static func uuid(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))! }

    /// 2022-07-01 09:30:00 Beijing time, and `minutes` after it.
    static func date(plusMinutes minutes: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_656_639_000 + Double(minutes * 60))
    }

    /// A user with a name that has to be escaped, to show the header escapes it.
    static let hostileName = "<script>alert(\"x\")</script>&王"

    static func signedIn(
        _ role: Role, _ path: String, name: String = "王建国", township: String? = nil, flash: String? = nil
    )
        -> PageContext
    {
        .signedIn(displayName: name, role: role, townshipName: township, csrf: csrf, currentPath: path, flash: flash)
    }

    static func county(_ path: String, flash: String? = nil) -> PageContext { signedIn(.county, path, flash: flash) }

    static func leader(_ path: String) -> PageContext { signedIn(.leader, path, name: "赵志强") }

    static func township(_ path: String, flash: String? = nil) -> PageContext {
        signedIn(.township, path, name: "李秀英", township: "界岭镇", flash: flash)
    }

    static func admin(_ path: String) -> PageContext { signedIn(.admin, path, name: "张敏") }

    static func finance(_ path: String) -> PageContext { signedIn(.finance, path, name: "陈会计") }

    static func discipline(_ path: String) -> PageContext { signedIn(.discipline, path, name: "刘纪检") }

    /// One problem of an imported file, as the views list it.
    struct Issue: ImportIssue {
        var row: Int
        var column: String
        var code: ImportIssueCode
        var message: String
    }

    static func issue(_ row: Int, _ column: String, _ code: ImportIssueCode, _ message: String) -> FileIssueRow {
        FileIssueRow(Issue(row: row, column: column, code: code, message: message))
    }
}
