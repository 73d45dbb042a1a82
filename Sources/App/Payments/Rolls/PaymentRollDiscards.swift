import Fluent
import SQLKit

/// A draft roll may be discarded (作废): it stays in `payment_rolls` with status `discarded`, who
/// discarded it, when and why, and its period is free for a new roll. So the rule "one roll per
/// period" becomes "one live roll per period": the table's unique constraint on `period` is
/// replaced by a partial unique index over the rolls that are not discarded.
struct PaymentRollDiscards: AsyncMigration {
    static let index = "uq_payment_rolls_live_period"

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds only one at a time.
        try await database.schema(PaymentRoll.schema).field("discarded_by", .string).update()
        try await database.schema(PaymentRoll.schema).field("discarded_at", .datetime).update()
        try await database.schema(PaymentRoll.schema).field("discard_reason", .string).update()
        try await UniqueConstraintDrop.run(table: PaymentRoll.schema, column: "period", on: database)
        let sql = database as! any SQLDatabase
        try await sql.raw(
            """
            CREATE UNIQUE INDEX \(ident: Self.index) ON payment_rolls (period) WHERE status <> 'discarded'
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX \(ident: Self.index)").run()
        for field in ["discard_reason", "discarded_at", "discarded_by"] {
            try await database.schema(PaymentRoll.schema).deleteField(.key(.string(field))).update()
        }
    }
}
