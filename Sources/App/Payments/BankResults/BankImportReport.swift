import ResettleOffice

/// Why a bank result file was refused, row by row, in the `row,column,code,message` form of
/// every import. Any one issue refuses the whole file.
struct BankImportIssue: Sendable, Hashable {
    var row: Int
    var column: String
    var code: Code
    var message: String

    enum Code: String, Sendable {
        case fileError = "file_error"
        case missingValue = "missing_value"
        case invalidAmount = "invalid_amount"
        case damagedNumber = "damaged_number"
        case rollNotLocked = "roll_not_locked"
        case duplicateFile = "duplicate_file"
        case noRows = "no_rows"
    }

    static func file(_ issue: TableIssue) -> BankImportIssue {
        BankImportIssue(row: issue.row ?? 0, column: issue.column ?? "", code: .fileError, message: "\(issue.file)：\(issue.message)")
    }

    static func csv(_ issues: [BankImportIssue]) -> [[String]] {
        [["row", "column", "code", "message"]] + issues.map { [String($0.row), $0.column, $0.code.rawValue, $0.message] }
    }
}
