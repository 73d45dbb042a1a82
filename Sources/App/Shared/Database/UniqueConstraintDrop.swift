import Fluent
import SQLKit

/// Drops a table's unique constraint that Fluent created (`.unique(on:)`), for a rule that
/// becomes "unique among the live rows" (a partial unique index the caller creates next).
///
/// PostgreSQL drops the constraint. SQLite cannot drop a table constraint, so the table is
/// rebuilt from its own stored definition without it (SQLite's documented procedure: foreign
/// keys off on one connection, create, copy, drop, rename, check, in one transaction). The
/// tables that refer to it keep their references: they name the table, which exists again
/// under its own name.
enum UniqueConstraintDrop {
    private struct Definition: Decodable { let sql: String }

    /// Drops `CONSTRAINT "uq:<table>.<column>" UNIQUE ("<column>")` from `table`; does nothing
    /// when it is not there (a database migrated before, or rebuilt by hand).
    static func run(table: String, column: String, on database: any Database) async throws {
        let constraint = "uq:\(table).\(column)"
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else {
            try await sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT IF EXISTS \(ident: constraint)").run()
            return
        }
        try await database.withConnection { connection in
            try await rebuild(
                table: table, without: ", CONSTRAINT \"\(constraint)\" UNIQUE (\"\(column)\")", on: connection)
        }
    }

    private static func rebuild(table: String, without unique: String, on connection: any Database) async throws {
        let sql = connection as! any SQLDatabase
        let stored = try await sql.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = \(bind: table)")
            .first(decoding: Definition.self)
        guard let definition = stored?.sql, definition.contains(unique) else { return }
        let rebuiltName = table + "_rebuilt"
        let rebuilt = definition.replacingOccurrences(of: unique, with: "")
            .replacingOccurrences(of: "CREATE TABLE \"\(table)\"", with: "CREATE TABLE \"\(rebuiltName)\"")
        try await sql.raw("PRAGMA foreign_keys = OFF").run()
        do {
            try await connection.transaction { tx in
                let sql = tx as! any SQLDatabase
                try await sql.raw("\(unsafeRaw: rebuilt)").run()
                try await sql.raw("INSERT INTO \(ident: rebuiltName) SELECT * FROM \(ident: table)").run()
                try await sql.raw("DROP TABLE \(ident: table)").run()
                try await sql.raw("ALTER TABLE \(ident: rebuiltName) RENAME TO \(ident: table)").run()
                guard try await sql.raw("PRAGMA foreign_key_check").all().isEmpty else {
                    throw ResettleError.conflict("重建数据表\(table)后外键检查未通过")
                }
            }
        } catch {
            try await sql.raw("PRAGMA foreign_keys = ON").run()
            throw error
        }
        try await sql.raw("PRAGMA foreign_keys = ON").run()
    }
}
