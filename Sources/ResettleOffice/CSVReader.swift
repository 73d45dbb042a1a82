import Foundation

/// One CSV record with the row number Excel would show for it.
public struct CSVRecord: Sendable, Hashable {
    public let rowNumber: Int
    public let fields: [String]

    public init(rowNumber: Int, fields: [String]) {
        self.rowNumber = rowNumber
        self.fields = fields
    }
}

/// Reads CSV files: encoding detected from the bytes (see `TextDecoding`), RFC 4180 quoting.
public enum CSVReader {
    /// Decodes and parses the whole file.
    public static func read(_ data: Data, fileName: String = "data.csv") throws(TableIssue) -> (
        records: [CSVRecord], encoding: TextEncoding
    ) {
        var records: [CSVRecord] = []
        let encoding = try forEachRecord(data, fileName: fileName) { number, fields in
            records.append(CSVRecord(rowNumber: number, fields: fields))
        }
        return (records, encoding)
    }

    /// Fast path: streams records to `body` without building an intermediate array; returns
    /// the detected encoding.
    @discardableResult
    public static func forEachRecord(
        _ data: Data, fileName: String = "data.csv",
        _ body: (_ rowNumber: Int, _ fields: [String]) throws(TableIssue) -> Void
    ) throws(TableIssue) -> TextEncoding {
        guard !data.isEmpty else { throw TableIssue.emptyFile(fileName) }
        let (bytes, encoding) = try TextDecoding.utf8Bytes(data, fileName: fileName)
        try typed(TableIssue.self) {
            try bytes.withUnsafeBytes { raw in try CSVParser.parse(raw, fileName: fileName, onRecord: body) }
        }
        return encoding
    }

    /// Parses text that is already decoded.
    public static func parse(_ text: String, fileName: String = "data.csv") throws(TableIssue) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var utf8 = Array(text.utf8)
        try typed(TableIssue.self) {
            try utf8.withUnsafeMutableBytes { raw in
                try CSVParser.parse(UnsafeRawBufferPointer(raw), fileName: fileName) { number, fields in
                    records.append(CSVRecord(rowNumber: number, fields: fields))
                }
            }
        }
        return records
    }
}
