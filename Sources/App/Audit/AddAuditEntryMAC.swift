import Fluent

/// Each audit row gets an HMAC of its hash under the key file (`AuditTrail`). Rows already
/// there keep no MAC: the verifier accepts MAC-less rows only before the first signed one.
/// Adding a nullable column rewrites no row, so the append-only triggers are not involved.
struct AddAuditEntryMAC: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries").field("mac", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").deleteField("mac").update()
    }
}
