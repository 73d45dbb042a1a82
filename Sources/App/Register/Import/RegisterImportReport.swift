import Foundation
import ResettleOffice

/// What an import found: row errors (any one stops the import), warnings, and what it wrote.
package struct RegisterImportReport: Sendable {
    package struct RowIssue: ImportIssue, Sendable, Hashable {
        var row: Int
        var column: String
        var code: Code
        package var message: String
    }

    /// The codes every import shares, with their Chinese words.
    typealias Code = ImportIssueCode

    var fileName: String
    var rowCount: Int = 0
    /// The header's row number in the file; 0 when the file could not be read as a table.
    var headerRowNumber = 0
    /// The file's format as read (XLSX, or CSV in an encoding); nil when it could not be read.
    var format: TableFormat?
    package var errors: [RowIssue] = []
    var warnings: [RowIssue] = []
    package var peopleWritten = 0
    var householdsWritten = 0
    var newReservoirs: [String] = []
    /// The notice of the addition requests (调增) filed for the people written, who are
    /// 待审批 until approved; nil for a first load (建库), whose people are 在册.
    var additionNotice: ChangeNotice?
    var seconds: Double = 0
    /// Where the time went (read the file, check the rows, write), for the benchmark.
    package var phases: [(name: String, seconds: Double)] = []

    package var succeeded: Bool { errors.isEmpty }

    /// The error list for people, in Chinese.
    func errorCSV() -> Data { ImportIssueList.peopleCSV(errors) }

    static func fileIssue(_ issue: TableIssue) -> RowIssue {
        RowIssue(row: issue.row ?? 0, column: issue.column ?? "", code: .fileError, message: issue.message)
    }
}
