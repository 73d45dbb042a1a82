import Foundation
import SQLiteNIO

/// Bulk inserts into SQLite with one bound value per chunk: the rows travel as one JSON text
/// that SQLite unpacks itself (`json_each`, `->>`). Binding each value separately costs about a
/// microsecond per value in the driver — 23 seconds for a million 23-column rows — while
/// SQLite's JSON reader does the same work in C in a fraction of that.
enum SQLiteJSONInsert {
    static let chunk = 5_000

    /// `INSERT INTO t (fixed…, columns…) SELECT ?, …, value ->> 0, … FROM json_each(?)`: the
    /// fixed columns are the same on every row (a roll's id, a result's id) and are bound once
    /// per statement instead of repeated in every row of the JSON.
    static func statement(into table: String, fixed: [String] = [], columns: [String]) -> String {
        "INSERT INTO \"\(table)\" (" + (fixed + columns).map { "\"\($0)\"" }.joined(separator: ", ") + ") SELECT "
            + (fixed.map { _ in "?" } + columns.indices.map { "value ->> \($0)" }).joined(separator: ", ")
            + " FROM json_each(?)"
    }

    /// The statements that insert `rows`, one per chunk, each with its binds.
    static func statements(
        into table: String, fixed: [(column: String, value: BulkValue)] = [], columns: [String], rows: [[BulkValue]]
    ) -> [(String, [SQLiteData])] {
        let text = statement(into: table, fixed: fixed.map(\.column), columns: columns)
        let fixedBinds = fixed.map(\.value.sqlite)
        return stride(from: 0, to: rows.count, by: chunk).map { start in
            (text, fixedBinds + [.text(encode(rows[start..<min(start + chunk, rows.count)], width: columns.count))])
        }
    }

    /// Rows made one chunk at a time by `row(i)`, `i` in `0..<count`: a million rows are never
    /// all held as values at once.
    static func run(
        _ db: any SQLiteDatabase, into table: String, fixed: [(column: String, value: BulkValue)] = [],
        columns: [String],
        count: Int, row: @Sendable (Int) -> [BulkValue], progress: JobProgress? = nil
    ) async throws {
        let statement = statement(into: table, fixed: fixed.map(\.column), columns: columns)
        let fixedBinds = fixed.map(\.value.sqlite)
        var pending: Task<Void, any Error>?
        var start = 0
        do {
            while start < count {
                let end = min(start + chunk, count)
                let json = encode(start..<end, width: columns.count, row: row)
                // SQLite inserts the previous chunk on its thread while this one is encoded; statements
                // on one connection still run in order.
                if let pending { try await pending.value }
                let rowsInChunk = end - start
                pending = Task {
                    try await db.query(statement, fixedBinds + [.text(json)]) { _ in }
                    progress?.advance(by: rowsInChunk)
                }
                start = end
            }
            if let pending { try await pending.value }
        } catch {
            // Nothing may still run on the transaction's connection once this returns.
            _ = await pending?.result
            throw error
        }
    }

    /// `[[v, v, …], …]` with each value as JSON: text escaped, null, numbers.
    static func encode(_ rows: ArraySlice<[BulkValue]>, width: Int) -> String {
        encode(rows.indices, width: width) { rows[$0] }
    }

    static func encode(_ range: Range<Int>, width: Int, row make: (Int) -> [BulkValue]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count * width * 16)
        out.append(UInt8(ascii: "["))
        var firstRow = true
        for i in range {
            let row = make(i)
            precondition(row.count == width, "bulk row has \(row.count) values for \(width) columns")
            if !firstRow { out.append(UInt8(ascii: ",")) }
            firstRow = false
            out.append(UInt8(ascii: "["))
            for (i, value) in row.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                append(value, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ value: BulkValue, to out: inout [UInt8]) {
        switch value {
        case .text(let s): appendString(s, to: &out)
        case .optionalText(let s): if let s { appendString(s, to: &out) } else { appendNull(&out) }
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .uuid(let u): appendString(u.uuidString, to: &out)
        case .optionalUUID(let u): if let u { appendString(u.uuidString, to: &out) } else { appendNull(&out) }
        case .bool(let b): out.append(b ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        // Fluent's SQLite driver stores dates as seconds since 1970 (REAL); the shortest
        // round-trip text of the Double keeps every bit.
        case .date(let d): out.append(contentsOf: "\(d.timeIntervalSince1970)".utf8)
        }
    }

    private static func appendNull(_ out: inout [UInt8]) { out.append(contentsOf: "null".utf8) }

    private static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)],
                    hex[Int(byte & 0xF)],
                ])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
