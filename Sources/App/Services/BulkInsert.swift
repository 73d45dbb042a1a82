import Foundation
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
/// one JSON text per chunk (`SQLiteJSONInsert`), PostgreSQL one array per column (`unnest`).
enum BulkInsert {
    /// Rows per statement. 1,000 rows of 13 columns stay well under SQLite's 32,766 and
    /// PostgreSQL's 65,535 bound parameters.
    static let chunk = 1_000

    static func run(_ sql: any SQLDatabase, into table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !rows.isEmpty else { return }
        if let lite = sql as? any SQLiteDatabase {
            try await SQLiteJSONInsert.run(lite, into: table, columns: columns, rows: rows)
            return
        }
        if sql.dialect.name == "postgresql" {
            try await postgres(sql, into: table, columns: columns, rows: rows)
            return
        }
        var start = 0
        while start < rows.count {
            let end = min(start + chunk, rows.count)
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<end] { insert = insert.values(row.map(\.bind)) }
            try await insert.run()
            start = end
        }
    }

    /// Rows per PostgreSQL statement: one array parameter per column, so the size is not
    /// limited by the parameter count.
    static let postgresChunk = 20_000

    /// PostgreSQL: `INSERT … SELECT … FROM unnest($1::uuid[], $2::text[], …)`, one array per
    /// column. A 13-column line costs 13 bound values per 20,000 rows instead of 13 per row, and
    /// the arrays are encoded in PostgreSQL's binary format without going through `Encodable`.
    /// Nullable columns travel as text with "" for NULL, restored by NULLIF.
    private static func postgres(_ sql: any SQLDatabase, into table: String, columns: [String], rows: [[BulkValue]]) async throws {
        let first = rows[0]
        var pending: Task<Void, any Error>?
        var start = 0
        while start < rows.count {
            let end = min(start + postgresChunk, rows.count)
            let slice = rows[start..<end]
            var query = SQLQueryString("INSERT INTO \(ident: table) (")
            query.appendInterpolation(unsafeRaw: columns.map { "\"\($0)\"" }.joined(separator: ", "))
            query.appendInterpolation(unsafeRaw: ") SELECT ")
            query.appendInterpolation(unsafeRaw: first.indices.map { i in
                switch first[i] {
                case .optionalText: return "NULLIF(c\(i), '')"
                case .optionalUUID: return "NULLIF(c\(i), '')::uuid"
                default: return "c\(i)"
                }
            }.joined(separator: ", "))
            query.appendInterpolation(unsafeRaw: " FROM unnest(")
            for i in first.indices {
                if i > 0 { query.appendInterpolation(unsafeRaw: ", ") }
                func column<T: Encodable & Sendable>(_ cast: String, _ value: (BulkValue) -> T?) {
                    let values = slice.map { row -> T in
                        guard let v = value(row[i]) else { preconditionFailure("column \(columns[i]) mixes kinds") }
                        return v
                    }
                    query.appendInterpolation(bind: values)
                    query.appendInterpolation(unsafeRaw: cast)
                }
                switch first[i] {
                case .text, .optionalText:
                    column("::text[]") { v -> String? in
                        switch v {
                        case .text(let s): return s
                        case .optionalText(let s): return s ?? ""
                        default: return nil
                        }
                    }
                case .optionalUUID:
                    column("::text[]") { v -> String? in if case .optionalUUID(let u) = v { return u?.uuidString ?? "" } else { return nil } }
                case .int:
                    column("::bigint[]") { v -> Int64? in if case .int(let n) = v { return n } else { return nil } }
                case .uuid:
                    column("::uuid[]") { v -> UUID? in if case .uuid(let u) = v { return u } else { return nil } }
                case .bool:
                    column("::bool[]") { v -> Bool? in if case .bool(let b) = v { return b } else { return nil } }
                case .date:
                    column("::timestamptz[]") { v -> Date? in if case .date(let d) = v { return d } else { return nil } }
                }
            }
            query.appendInterpolation(unsafeRaw: ") AS u(" + first.indices.map { "c\($0)" }.joined(separator: ", ") + ")")
            // PostgreSQL inserts the previous chunk while this one was being encoded; statements on
            // one connection still go in order.
            if let pending { try await pending.value }
            let statement = query
            pending = Task { try await sql.raw(statement).run() }
            start = end
        }
        if let pending { try await pending.value }
    }
}
