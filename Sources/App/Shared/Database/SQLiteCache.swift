import Foundation
import SQLKit

/// A larger SQLite page cache for one bulk write.
///
/// SQLite's default cache is 2 MB. A roll of a million lines keeps an index on the person's
/// UUID, whose inserts land at random places in the B-tree; with 2 MB nearly every one reads
/// and writes pages through the OS, and generation takes twice as long. 256 MB holds the whole
/// index. The cache belongs to the pooled connection, so it is set back to what it was after
/// the write. PostgreSQL manages its own buffers: nothing to do there.
enum SQLiteCache {
    static let bulkKiB = 262_144

    /// Runs `body` with a cache of `kib` on `sql`'s connection (call it with a transaction's
    /// database so both are the same connection), then restores the previous size.
    static func enlarged<T>(on sql: any SQLDatabase, kib: Int = bulkKiB, _ body: () async throws -> T) async throws
        -> T
    {
        guard sql.dialect.name == "sqlite" else { return try await body() }
        let previous =
            try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self) ?? -2000
        try await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(-kib))").run()
        do {
            let result = try await body()
            try await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(previous))").run()
            return result
        } catch {
            try? await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(previous))").run()
            throw error
        }
    }
}
