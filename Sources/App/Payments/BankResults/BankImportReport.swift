import ResettleOffice

/// Why a bank result file was refused, row by row, in the `row,column,code,message` form of
/// every import. Any one issue refuses the whole file.
struct BankImportIssue: ImportIssue, Sendable, Hashable {
    var row: Int
    var column: String
    var code: Code
    var message: String

    /// The codes every import shares, with their Chinese words.
    typealias Code = ImportIssueCode

    static func file(_ issue: TableIssue) -> BankImportIssue {
        BankImportIssue(
            row: issue.row ?? 0, column: issue.column ?? "", code: .fileError, message: "\(issue.file)：\(issue.message)"
        )
    }
}
