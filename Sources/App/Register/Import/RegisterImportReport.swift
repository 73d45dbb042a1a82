import ResettleOffice

/// What an import found: row errors (any one stops the import), warnings, and what it wrote.
struct RegisterImportReport: Sendable {
    struct RowIssue: Sendable, Hashable {
        var row: Int
        var column: String
        var code: Code
        var message: String
    }

    enum Code: String, Sendable {
        case invalidID = "invalid_id"
        case duplicateIDInFile = "duplicate_id_in_file"
        case idExists = "id_exists"
        case missingValue = "missing_value"
        case unknownRegion = "unknown_region"
        case sexMismatch = "sex_mismatch"
        case invalidDate = "invalid_date"
        case headNotFound = "head_not_found"
        case invalidValue = "invalid_value"
        /// The file itself could not be read (not a row problem): wrong format, missing columns.
        case fileError = "file_error"
    }

    var fileName: String
    var rowCount: Int = 0
    var errors: [RowIssue] = []
    var warnings: [RowIssue] = []
    var peopleWritten = 0
    var householdsWritten = 0
    var newReservoirs: [String] = []
    var seconds: Double = 0
    /// Where the time went (read the file, check the rows, write), for the benchmark.
    var phases: [(name: String, seconds: Double)] = []

    var succeeded: Bool { errors.isEmpty }

    /// `row,column,code,message`, sorted by row then column, as the issue's report format says.
    func errorRows() -> [[String]] {
        [["row", "column", "code", "message"]]
            + errors.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
            .map { [String($0.row), $0.column, $0.code.rawValue, $0.message] }
    }

    func errorCSV() -> Data { CSVWriter.data(rows: errorRows(), encoding: .utf8BOM) }

    static func fileIssue(_ issue: TableIssue) -> RowIssue {
        RowIssue(row: issue.row ?? 0, column: issue.column ?? "", code: .fileError, message: issue.message)
    }
}

import Foundation
