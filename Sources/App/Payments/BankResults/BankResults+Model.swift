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
        var kindLabel: String
        var idNumber: String
        /// The person's page, when the user may see the person.
        var personID: String
        var name: String
        var township: String
        var village: String
        var detail: String
    }

    /// Who voided the result, when and why.
    struct Voided: Sendable {
        var by: String
        var at: String
        var reason: String
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
    var importedBy: String = ""
    var importedAt: String = ""
    var voided: Voided? = nil
    /// The void form is offered (the user is a second person with the role).
    var canVoid: Bool = false
    /// Why the user may not void it, shown beside the section (empty when they may, or when
    /// their role has nothing to do with it).
    var voidRefusal: String = ""
    /// Why the void just tried was refused.
    var voidError: String = ""
}

/// The preview of a bank file before it is imported.
struct BankPreviewModel: Sendable {
    struct Row: Sendable {
        var rowNumber: Int
        var name: String
        var idNumber: String
        var card: String
        var amount: String
        var outcome: String
        var succeeded: Bool
        var reconciliation: String
    }

    var rollID: String
    var period: String
    var key: String
    var fileName: String
    var rollRows: Int
    var rowCount: Int
    var successCount: Int
    var failedCount: Int
    var paid: String
    var differenceCount: Int
    var counts: [ReconciliationModel.Count]
    var rows: [Row]
    /// The column matching used, as (column, header) pairs; empty when the headers were known.
    var matching: [(label: String, header: String)]
    var mappingPath: String
}
