import SQLKit
import Vapor

@testable import App

/// What an attacker with write access to the database file does first: drop the triggers that
/// refuse UPDATE and DELETE on the audit table, so rows can be edited behind the application.
func dropAuditGuards(_ app: Application) async throws {
    let sql = app.db as! any SQLDatabase
    if sql.dialect.name == "sqlite" {
        try await sql.raw("DROP TRIGGER audit_no_update").run()
        try await sql.raw("DROP TRIGGER audit_no_delete").run()
    } else {
        try await sql.raw("DROP TRIGGER audit_no_change ON audit_entries").run()
    }
}
