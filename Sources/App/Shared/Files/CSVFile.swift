import Foundation
import ResettleOffice

enum CSVFile {
    /// UTF-8 with BOM, which Excel in China opens correctly.
    static func write(_ rows: [[String]], to path: String) throws {
        try CSVWriter.data(rows: rows, encoding: .utf8BOM).write(to: URL(fileURLWithPath: path))
    }
}
