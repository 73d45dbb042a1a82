import Foundation
import PostgresNIO
import SQLKit
import SQLiteNIO

/// A value in a bulk insert. The few types the payment tables hold, so that each database can
/// be given its values in its own native form.
enum BulkValue: Sendable {
    case text(String)
    case optionalText(String?)
    case int(Int64)
    case uuid(UUID)
    case optionalUUID(UUID?)
    case bool(Bool)
    case date(Date)

    /// As Fluent's SQLite driver stores them: UUIDs as upper-case text, booleans as 0/1.
    var sqlite: SQLiteData {
        switch self {
        case .text(let s): return .text(s)
        case .optionalText(let s): return s.map { .text($0) } ?? .null
        case .int(let n): return .integer(Int(n))
        case .uuid(let u): return .text(u.uuidString)
        case .optionalUUID(let u): return u.map { .text($0.uuidString) } ?? .null
        case .bool(let b): return .integer(b ? 1 : 0)
        case .date(let d): return .float(d.timeIntervalSince1970)
        }
    }

    var bind: any SQLExpression {
        switch self {
        case .text(let s): return SQLBind(s)
        case .optionalText(let s): return SQLBind(s)
        case .int(let n): return SQLBind(n)
        case .uuid(let u): return SQLBind(u)
        case .optionalUUID(let u): return SQLBind(u)
        case .bool(let b): return SQLBind(b)
        case .date(let d): return SQLBind(d)
        }
    }
}

/// Multi-row INSERTs for the payment tables: one statement carries `chunk` rows, which is what
/// makes a million lines a matter of seconds rather than minutes. Callers run it inside their
/// transaction, so a failure part-way leaves nothing behind.
///
/// SQLKit's generic path encodes every bound value through `Encodable`, which for a million
/// lines costs more than the database's own work, so each database gets its own path: SQLite
/// one JSON text per chunk (`SQLiteJSONInsert`), PostgreSQL `COPY … FROM STDIN`
/// (`PostgresCopyInsert`).
enum BulkInsert {
    /// Rows per statement. 1,000 rows of 13 columns stay well under SQLite's 32,766 and
    /// PostgreSQL's 65,535 bound parameters.
    static let chunk = 1_000

    /// The rule for a large load: drop a table's secondary indexes and build them again after
    /// the rows are in when the load writes at least 20,000 rows and at least as many as the
    /// table already holds (a county's first register, the first rolls). Building an index once
    /// is several times faster than that many inserts into it; with a large table already
    /// there, rebuilding would cost more than it saves.
    static func rebuildsIndexes(writing rows: Int, alongside existing: Int) -> Bool {
        rows >= 20_000 && rows >= existing
    }

    /// `fixed`: columns with the same value on every row, written once per statement where the
    /// database allows it. `progress`, when given, is advanced by the rows of each chunk written.
    static func run(
        _ sql: any SQLDatabase, into table: String, fixed: [(column: String, value: BulkValue)] = [], columns: [String],
        rows: [[BulkValue]], progress: JobProgress? = nil
    ) async throws {
        try await run(
            sql, into: table, fixed: fixed, columns: columns, count: rows.count, row: { rows[$0] }, progress: progress)
    }

    /// Rows made a chunk at a time by `row(i)`, `i` in `0..<count`, so that a million rows are
    /// never all held as values at once (the register import makes them from its checked people).
    static func run(
        _ sql: any SQLDatabase, into table: String, fixed: [(column: String, value: BulkValue)] = [], columns: [String],
        count: Int, row: @escaping @Sendable (Int) -> [BulkValue], progress: JobProgress? = nil
    ) async throws {
        guard count > 0 else { return }
        if let lite = sql as? any SQLiteDatabase {
            try await SQLiteJSONInsert.run(
                lite, into: table, fixed: fixed, columns: columns, count: count, row: row, progress: progress)
            return
        }
        if let postgres = sql as? any PostgresDatabase {
            try await PostgresCopyInsert.run(
                postgres, into: table, fixed: fixed, columns: columns, count: count, row: row, progress: progress)
            return
        }
        // Multi-row INSERTs carry every value of every row.
        let columns = fixed.map(\.column) + columns
        let prefix = fixed.map(\.value)
        var start = 0
        while start < count {
            let end = min(start + chunk, count)
            var insert = sql.insert(into: table).columns(columns)
            for i in start..<end { insert = insert.values((prefix + row(i)).map(\.bind)) }
            try await insert.run()
            progress?.advance(by: end - start)
            start = end
        }
    }
}
