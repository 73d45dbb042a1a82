import SQLKit

/// Drops a table's secondary indexes on SQLite for a bulk write and builds them again afterwards
/// from the definitions SQLite itself stored (`sqlite_master.sql`), so that they come back exactly
/// as the migrations made them. Building an index once from the finished table is several times
/// faster than a million inserts into it. DDL is transactional on SQLite: run both inside the
/// write's transaction, and a failure leaves the indexes as they were.
enum SQLiteIndexSuspension {
    struct Index: Decodable, Sendable {
        let name: String
        let sql: String
    }

    static func suspend(on sql: any SQLDatabase, table: String) async throws -> [Index] {
        guard sql.dialect.name == "sqlite" else { return [] }
        // `sql IS NULL` are the automatic indexes of UNIQUE and PRIMARY KEY constraints, which
        // cannot be dropped and are left alone.
        let indexes = try await sql.raw(
            """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table) AND sql IS NOT NULL ORDER BY name
            """
        ).all(decoding: Index.self)
        for index in indexes {
            try await sql.raw("DROP INDEX \(ident: index.name)").run()
        }
        return indexes
    }

    static func restore(_ indexes: [Index], on sql: any SQLDatabase) async throws {
        for index in indexes {
            try await sql.raw("\(unsafeRaw: index.sql)").run()
        }
    }
}
