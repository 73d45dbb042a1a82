import Fluent
import SQLKit

/// The audit trail is append-only: the database itself refuses UPDATE and DELETE on it, so
/// even a bug in the application cannot rewrite history. Someone with direct database access
/// can still drop the guard; the hash chain is what catches that (`resettle audit verify`).
struct CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .field("seq", .int64, .identifier(auto: false))
            .field("at", .string, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("township_code", .string)
            .field("before_json", .string, .required)
            .field("after_json", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_audit_entity").on("audit_entries").column("entity").column("entity_id").run()
        if sql.dialect.name == "sqlite" {
            try await sql.raw(
                "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END"
            ).run()
            try await sql.raw(
                "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END"
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'audit_entries is append-only'; END; $$ LANGUAGE plpgsql
                """
            ).run()
            try await sql.raw(
                "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_append_only()"
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name != "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_no_change ON audit_entries").run()
        }
        try await database.schema("audit_entries").delete()
    }
}
