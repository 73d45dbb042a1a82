import Fluent
import SQLKit

/// An imported bank result may be voided (作废): it stays in `bank_results` with who voided it,
/// when and why, its lines, differences and archived file untouched, but it no longer counts.
/// So "one result per file" and "one result per content and roll" become "one live result":
/// the table's unique constraint on `sha256` and the unique index on (roll, content) are
/// replaced by partial unique indexes over the results that are not voided, and the corrected
/// or the same file can be imported again after a void.
struct BankResultVoids: AsyncMigration {
    static let liveFile = "uq_bank_results_live_file"
    static let liveContent = "uq_bank_results_live_content"

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds only one at a time.
        try await database.schema(BankResult.schema).field("voided_by", .string).update()
        try await database.schema(BankResult.schema).field("voided_at", .datetime).update()
        try await database.schema(BankResult.schema).field("void_reason", .string).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX IF EXISTS \(ident: BankResultContentDigest.index)").run()
        try await UniqueConstraintDrop.run(table: BankResult.schema, column: "sha256", on: database)
        try await sql.raw(
            "CREATE UNIQUE INDEX \(ident: Self.liveFile) ON bank_results (sha256) WHERE voided_at IS NULL"
        ).run()
        try await sql.raw(
            """
            CREATE UNIQUE INDEX \(ident: Self.liveContent) ON bank_results (roll_id, content_sha256)
            WHERE voided_at IS NULL
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX \(ident: Self.liveContent)").run()
        try await sql.raw("DROP INDEX \(ident: Self.liveFile)").run()
        try await sql.create(index: BankResultContentDigest.index).unique().on("bank_results").column("roll_id")
            .column("content_sha256").run()
        for name: FieldKey in ["void_reason", "voided_at", "voided_by"] {
            try await database.schema(BankResult.schema).deleteField(name).update()
        }
    }
}
