import Foundation
import ResettleOffice

/// The header row of an uploaded table whose columns are not all known by name: what the
/// column-matching step offers. Banks put a title line (or two) above their header, a single
/// filled cell; the header is the first of the first 20 non-blank rows with the most filled
/// cells, as the data rows below it have.
enum FileHeader {
    private static let stop = TableIssue(file: "", code: "header_found", message: "")
    /// Rows looked at, as `TableReader` does when it looks for a header by name.
    static let rowsLooked = 20

    static func read(_ data: Data, fileName: String) throws(TableIssue) -> [String] {
        var best: [String] = []
        var bestFilled = 0
        var seen = 0
        func consider(_ raw: [String]) throws(TableIssue) {
            let cells = raw.map { $0.trimmingCharacters(in: .whitespaces) }
            let filled = cells.filter { !$0.isEmpty }.count
            guard filled > 0 else { return }
            if filled > bestFilled {
                best = cells
                bestFilled = filled
            }
            seen += 1
            if seen == rowsLooked { throw stop }
        }
        let isZip = OfficeFileKind.isWorkbook(data)
        do {
            if isZip {
                try XLSXReader(data: data, fileName: fileName).forEachRow { (row: XLSXRow) throws(TableIssue) in
                    try consider(row.cells)
                }
            } else {
                try CSVReader.forEachRecord(data, fileName: fileName) { (_: Int, fields: [String]) throws(TableIssue) in
                    try consider(fields)
                }
            }
        } catch  where error.code == stop.code {
            // Enough rows seen.
        }
        // Trailing empty cells are not columns.
        while best.last?.isEmpty == true { best.removeLast() }
        return best
    }
}
