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
func withTestApp<T>(_ body: (Application) async throws -> T) async throws -> T {
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
