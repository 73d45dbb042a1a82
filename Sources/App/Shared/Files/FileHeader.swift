import Foundation
import ResettleOffice

/// The first non-blank row of an uploaded table: what the column-mapping step shows when a
/// bank's headers are not ones we know.
enum FileHeader {
    private static let stop = TableIssue(file: "", code: "header_found", message: "")

    static func read(_ data: Data, fileName: String) throws(TableIssue) -> [String] {
        var header: [String] = []
        let isZip = data.count >= 4 && data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04])
        do {
            if isZip {
                try XLSXReader(data: data, fileName: fileName).forEachRow { (row: XLSXRow) throws(TableIssue) in
                    let cells = row.cells.map { $0.trimmingCharacters(in: .whitespaces) }
                    guard cells.contains(where: { !$0.isEmpty }) else { return }
                    header = cells
                    throw stop
                }
            } else {
                try CSVReader.forEachRecord(data, fileName: fileName) { (_: Int, fields: [String]) throws(TableIssue) in
                    let cells = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                    guard cells.contains(where: { !$0.isEmpty }) else { return }
                    header = cells
                    throw stop
                }
            }
        } catch where error.code == stop.code {
            // Found: reading stops at the header.
        }
        return header
    }
}
