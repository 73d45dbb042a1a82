import Fluent
import SQLKit

/// A draft roll may be discarded (作废): it stays in `payment_rolls` with status `discarded`, who
/// discarded it, when and why, and its period is free for a new roll. So the rule "one roll per
/// period" becomes "one live roll per period": the table's unique constraint on `period` is
/// replaced by a partial unique index over the rolls that are not discarded.
///
/// PostgreSQL drops the constraint. SQLite cannot drop a table constraint, so the table is
/// rebuilt from its own stored definition without it (SQLite's documented procedure: foreign
/// keys off on one connection, copy, drop, rename, check, in one transaction).
struct PaymentRollDiscards: AsyncMigration {
    static let index = "uq_payment_rolls_live_period"
    static let constraint = "uq:payment_rolls.period"

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds only one at a time.
        try await database.schema(PaymentRoll.schema).field("discarded_by", .string).update()
        try await database.schema(PaymentRoll.schema).field("discarded_at", .datetime).update()
        try await database.schema(PaymentRoll.schema).field("discard_reason", .string).update()
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await database.withConnection { connection in
                try await Self.rebuildWithoutUniquePeriod(on: connection)
            }
        } else {
            try await sql.raw("ALTER TABLE payment_rolls DROP CONSTRAINT IF EXISTS \(ident: Self.constraint)").run()
        }
        try await sql.raw(
            """
            CREATE UNIQUE INDEX \(ident: Self.index) ON payment_rolls (period) WHERE status <> 'discarded'
            """
        ).run()
    }

    private struct Definition: Decodable { let sql: String }
    private struct Violation: Decodable { let table: String }

    private static func rebuildWithoutUniquePeriod(on connection: any Database) async throws {
        let sql = connection as! any SQLDatabase
        let stored = try await sql.raw(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'payment_rolls'"
        ).first(decoding: Definition.self)
        let unique = ", CONSTRAINT \"\(constraint)\" UNIQUE (\"period\")"
        guard let definition = stored?.sql, definition.contains(unique) else { return }
        let rebuilt = definition.replacingOccurrences(of: unique, with: "").replacingOccurrences(
            of: "CREATE TABLE \"payment_rolls\"", with: "CREATE TABLE \"payment_rolls_rebuilt\"")
        try await sql.raw("PRAGMA foreign_keys = OFF").run()
        do {
            try await connection.transaction { tx in
                let sql = tx as! any SQLDatabase
                try await sql.raw("\(unsafeRaw: rebuilt)").run()
                try await sql.raw("INSERT INTO payment_rolls_rebuilt SELECT * FROM payment_rolls").run()
                try await sql.raw("DROP TABLE payment_rolls").run()
                try await sql.raw("ALTER TABLE payment_rolls_rebuilt RENAME TO payment_rolls").run()
                let broken = try await sql.raw("PRAGMA foreign_key_check").all()
                guard broken.isEmpty else {
                    throw ResettleError.conflict("重建发放花名册表后外键检查未通过")
                }
            }
        } catch {
            try await sql.raw("PRAGMA foreign_keys = ON").run()
            throw error
        }
        try await sql.raw("PRAGMA foreign_keys = ON").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX \(ident: Self.index)").run()
        for field in ["discard_reason", "discarded_at", "discarded_by"] {
            try await database.schema(PaymentRoll.schema).deleteField(.key(.string(field))).update()
        }
    }
}
