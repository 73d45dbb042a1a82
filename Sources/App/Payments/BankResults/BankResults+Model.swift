import Foundation

struct BankUploadModel: Sendable {
    typealias Issue = FileIssueRow

    var rollID: String
    var period: String
    var issues: [Issue]
    var issueTotal: Int
    /// Set when the file's headers need matching by hand.
    var mapping: Mapping?

    struct Mapping: Sendable {
        var sha256: String
        var fileName: String
        var header: [String]
        var message: String
        /// (key, label, required, preselected header)
        var fields: [(key: String, label: String, required: Bool, selected: String)]
    }
}

struct ReconciliationModel: Sendable {
    struct Count: Sendable {
        var kind: String
        var label: String
        var count: Int
    }

    struct Difference: Sendable {
        var kind: String
        var idNumber: String
        var detail: String
    }

    var resultID: String
    var rollID: String
    var period: String
    var fileName: String
    var rollRows: Int
    var paidRows: Int
    var failed: Int
    var paid: String
    var counts: [Count]
    var total: Int
    var exactMatch: Bool
    var kind: String
    var differences: [Difference]
    var page: Int
    var pageCount: Int
    var filteredTotal: Int
}
