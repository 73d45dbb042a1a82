import Foundation
import NIOCore
import PostgresNIO
import SQLKit

/// Bulk inserts into PostgreSQL with `COPY … FROM STDIN`: rows stream to the server as text
/// lines, which it parses natively, instead of statements whose parameters each go through
/// Swift's encoders. It runs on the caller's connection, so inside a transaction it commits or
/// rolls back with everything else.
enum PostgresCopyInsert {
    /// Lines per message sent to the server.
    static let batch = 5_000

    /// `fixed`: columns with the same value on every row, written first on each line. Rows are
    /// made one batch at a time by `row(i)`, `i` in `0..<count`.
    static func run(
        _ db: any PostgresDatabase, into table: String, fixed: [(column: String, value: BulkValue)] = [],
        columns: [String],
        count: Int, row make: @escaping @Sendable (Int) -> [BulkValue], progress: JobProgress? = nil
    ) async throws {
        let width = columns.count
        let columns = fixed.map(\.column) + columns
        let fixedValues = fixed.map(\.value)
        let logger = Logger(label: "resettle.copy")
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var start = 0
                    var dates = DateText()
                    while start < count {
                        let end = min(start + batch, count)
                        var buffer = ByteBuffer()
                        buffer.reserveCapacity((end - start) * columns.count * 16)
                        for i in start..<end {
                            let row = make(i)
                            precondition(row.count == width, "bulk row has \(row.count) values for \(width) columns")
                            for value in fixedValues {
                                append(value, to: &buffer, dates: &dates)
                                buffer.writeInteger(UInt8(ascii: "\t"))
                            }
                            for (i, value) in row.enumerated() {
                                if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                                append(value, to: &buffer, dates: &dates)
                            }
                            buffer.writeInteger(UInt8(ascii: "\n"))
                        }
                        try await writer.write(buffer)
                        progress?.advance(by: end - start)
                        start = end
                    }
                }
            }
        }.get()
    }

    private static func append(_ value: BulkValue, to buffer: inout ByteBuffer, dates: inout DateText) {
        switch value {
        case .text(let s): appendText(s, to: &buffer)
        case .optionalText(let s): if let s { appendText(s, to: &buffer) } else { buffer.writeStaticString("\\N") }
        case .int(let n): buffer.writeString(String(n))
        case .uuid(let u): buffer.writeString(u.uuidString)
        case .optionalUUID(let u):
            if let u { buffer.writeString(u.uuidString) } else { buffer.writeStaticString("\\N") }
        case .bool(let b): buffer.writeStaticString(b ? "t" : "f")
        case .date(let d): buffer.writeString(dates.text(d))
        }
    }

    /// COPY's text format: backslash, tab, newline and carriage return are escaped.
    private static func appendText(_ s: String, to buffer: inout ByteBuffer) {
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// ISO 8601 timestamps in UTC with microseconds; the last one is remembered, since a bulk
    /// insert stamps every row with the same moment.
    struct DateText {
        private var last: (Date, String)?

        mutating func text(_ date: Date) -> String {
            if let last, last.0 == date { return last.1 }
            let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
            let seconds = Int(micros / 1_000_000)
            let fraction = Int(micros % 1_000_000)
            var tm = tm()
            var t = time_t(seconds)
            gmtime_r(&t, &tm)
            func pad(_ n: Int, _ width: Int) -> String {
                let s = String(n)
                return String(repeating: "0", count: max(0, width - s.count)) + s
            }
            let text =
                "\(pad(Int(tm.tm_year) + 1900, 4))-\(pad(Int(tm.tm_mon) + 1, 2))-\(pad(Int(tm.tm_mday), 2)) "
                + "\(pad(Int(tm.tm_hour), 2)):\(pad(Int(tm.tm_min), 2)):\(pad(Int(tm.tm_sec), 2)).\(pad(fraction, 6))+00"
            last = (date, text)
            return text
        }
    }
}
