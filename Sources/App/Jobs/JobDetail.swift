import Foundation

/// What a job's page shows beyond its counts and one-line summary: the problems an import
/// found, its warnings and the files to download (the error list, the user's file with a
/// 错误说明 column). Kept with the job, so the page still shows them after a restart and
/// stays the one place to come back to.
struct JobDetail: Codable, Sendable, Equatable {
    struct Download: Codable, Sendable, Equatable {
        var label: String
        var path: String
        /// The link's element id, for tests and the office's own scripts.
        var id: String
    }

    /// The problems that refused the input, first `shownLimit` of them.
    var issues: [FileIssueRow] = []
    /// How many problems there were in all.
    var issueCount = 0
    /// Notes that did not stop the work (e.g. a card number failing its check digit).
    var warnings: [FileIssueRow] = []
    var warningCount = 0
    var downloads: [Download] = []

    /// Problems kept for the page; the download holds every one.
    static let shownLimit = 500

    /// `issueCount`: how many problems there were, when `issues` holds only the first of them.
    init(issues: [FileIssueRow] = [], issueCount: Int? = nil, warnings: [FileIssueRow] = [], downloads: [Download] = [])
    {
        self.issues = Array(issues.prefix(Self.shownLimit))
        self.issueCount = max(issueCount ?? 0, issues.count)
        self.warnings = Array(warnings.prefix(Self.shownLimit))
        warningCount = warnings.count
        self.downloads = downloads
    }
}
