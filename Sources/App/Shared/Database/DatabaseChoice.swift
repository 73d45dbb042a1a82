import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

/// Where the data lives: an embedded SQLite file by default, PostgreSQL when `DATABASE_URL`
/// is set. Tests pick an in-memory SQLite or a private PostgreSQL schema.
public enum DatabaseChoice: Sendable {
    case sqliteFile(path: String)
    case sqliteMemory
    /// `schema` puts every table in its own PostgreSQL schema, so parallel tests never meet.
    case postgres(url: String, schema: String?)

    public static func fromEnvironment() throws -> DatabaseChoice {
        if let url = Environment.get("DATABASE_URL"), !url.isEmpty {
            return .postgres(url: url, schema: nil)
        }
        let directory = try DataDirectory.ensure()
        return .sqliteFile(path: directory.appendingPathComponent("resettle.sqlite").path)
    }

    /// Per-connection settings for the server's SQLite file. NORMAL sync is safe with WAL (a
    /// power cut can lose the last commits, never corrupt the file). The register of a county
    /// (about 50 MB with its indexes) fits in the 64 MB cache, and reads through the 256 MB
    /// map need no copy into it. Temporary storage is a file: a sort smaller than the cache (any
    /// page's ORDER BY) stays in memory all the same, and the index builds of a bulk load spill
    /// to disk rather than holding the keys of a million rows in RAM.
    static let sqliteConnectionPragmas = [
        "synchronous=NORMAL", "cache_size=-65536", "mmap_size=268435456", "temp_store=FILE",
    ]

    public var isSQLite: Bool {
        if case .postgres = self { return false }
        return true
    }

    func install(on app: Application) async throws {
        switch self {
        case .sqliteFile(let path):
            // WAL lets the pages read while an import writes; it is a property of the file.
            app.databases.use(
                .sqlite(
                    .file(path), maxConnectionsPerEventLoop: 1, connectionPoolTimeout: .seconds(60), sqlLogLevel: .trace
                ),
                as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory, connectionPoolTimeout: .seconds(60), sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url, let schema):
            var config = try SQLPostgresConfiguration(url: url)
            if let schema {
                config.searchPath = [schema]
            }
            // A private schema means a test: many run at once against one server, so each keeps
            // one connection per event loop to stay far below the server's connection limit.
            app.databases.use(
                .postgres(
                    configuration: config, maxConnectionsPerEventLoop: schema == nil ? 4 : 1,
                    connectionPoolTimeout: .seconds(60),
                    sqlLogLevel: .trace),
                as: .psql)
        }
        if case .sqliteFile = self, let sql = app.db as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            // journal_mode belongs to the file, the rest to one connection. The pool keeps one
            // connection per event loop for the life of the application, so each gets them
            // here; before, only the first did, and the other committed every session write
            // with a full sync and read through SQLite's 2 MB default cache.
            for eventLoop in app.eventLoopGroup.makeIterator() {
                guard
                    let connection = app.databases.database(.sqlite, logger: app.logger, on: eventLoop)
                        as? any SQLDatabase
                else { continue }
                for pragma in Self.sqliteConnectionPragmas {
                    try await connection.raw("PRAGMA \(unsafeRaw: pragma)").run()
                }
            }
        }
    }
}

/// The folder that holds the SQLite file, backups and archived files: `./data` unless
/// `RESETTLE_DATA` names another.
public enum DataDirectory {
    public static var url: URL {
        let path = Environment.get("RESETTLE_DATA").flatMap { $0.isEmpty ? nil : $0 } ?? "data"
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
    }

    @discardableResult
    public static func ensure() throws -> URL {
        let url = self.url
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Files the app serves itself (CSS, JS): offices run on intranets with no CDN.
enum ResourcePaths {
    static var publicDirectory: String {
        Bundle.module.url(forResource: "Public", withExtension: nil)!.path + "/"
    }
}
