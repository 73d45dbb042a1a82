import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A fresh application with a fresh database for one test, always shut down afterwards.
/// SQLite in memory by default; a private schema of the PostgreSQL database named by
/// `TEST_DATABASE_URL` when that is set, so the same tests run on both.
///
/// On PostgreSQL at most `TestAppSlots.postgres` applications are open at once: the suites start
/// every test together, and each application holds its own connections, so without a bound a
/// growing suite runs the server out of connections ("sorry, too many clients already").
func withTestApp<T>(_ body: (Application) async throws -> T) async throws -> T {
    guard isPostgresRun else { return try await withTestAppOpen(body) }
    await TestAppSlots.postgres.acquire()
    do {
        let result = try await withTestAppOpen(body)
        await TestAppSlots.postgres.release()
        return result
    } catch {
        await TestAppSlots.postgres.release()
        throw error
    }
}

/// How many test applications may be open at once, handed out in the order asked for.
actor TestAppSlots {
    /// Two connections each (one an event loop): well below the server's 100 by default.
    static let postgres = TestAppSlots(limit: 40)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

private func withTestAppOpen<T>(_ body: (Application) async throws -> T) async throws -> T {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    let choice: DatabaseChoice
    if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty {
        choice = .postgres(url: url, schema: String(schema))
    } else {
        choice = .sqliteMemory
    }
    do {
        try await configure(app, database: choice)
        if !choice.isSQLite {
            try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(ident: String(schema))").run()
        }
        try await app.autoMigrate()
        let result = try await body(app)
        try await cleanUp(app, choice: choice, schema: String(schema))
        try await app.asyncShutdown()
        return result
    } catch {
        try? await cleanUp(app, choice: choice, schema: String(schema))
        try? await app.asyncShutdown()
        throw error
    }
}

private func cleanUp(_ app: Application, choice: DatabaseChoice, schema: String) async throws {
    if !choice.isSQLite {
        try await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
}

var isPostgresRun: Bool { !(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty }
