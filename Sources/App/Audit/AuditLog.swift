import Crypto
import Fluent
import Foundation
import SQLKit

/// The append-only audit trail. Each row's hash covers its content and the previous row's hash,
/// so altering or removing any row behind the application's back breaks the chain at that row.
/// Each row also carries an HMAC of its hash under a key kept outside the database
/// (`AuditTrail`), so rewriting a row and recomputing every later hash is still caught.
enum AuditLog {
    static let genesisHash = String(repeating: "0", count: 64)

    struct Record: Sendable {
        var actor: String
        var action: String
        var entity: String
        var entityID: String
        var townshipCode: String?
        var beforeJSON: String
        var afterJSON: String
    }

    /// Appends inside the caller's transaction, so the audit row commits with the change it
    /// describes or not at all.
    static func append(_ record: Record, on db: any Database, at date: Date = Date()) async throws {
        let trail = try AuditTrail.require(db)
        let sql = db as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            // Several server processes may share one PostgreSQL: serialise chain appends there.
            try await sql.raw("SELECT pg_advisory_xact_lock(727272)").run()
        }
        let last = try await sql.raw("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1")
            .first(decoding: SeqHash.self)
        let seq = (last?.seq ?? 0) + 1
        let prev = last?.hash ?? genesisHash
        let at = timestamp(date)
        let hash = chainHash(seq: seq, at: at, record: record, prevHash: prev)
        let mac = trail.key.mac(ofHash: hash)
        try await sql.insert(into: "audit_entries")
            .columns(
                "seq", "at", "actor", "action", "entity", "entity_id", "township_code", "before_json", "after_json",
                "prev_hash", "hash",
                "mac"
            )
            .values(
                SQLBind(seq), SQLBind(at), SQLBind(record.actor), SQLBind(record.action), SQLBind(record.entity),
                SQLBind(record.entityID), SQLBind(record.townshipCode), SQLBind(record.beforeJSON),
                SQLBind(record.afterJSON),
                SQLBind(prev), SQLBind(hash), SQLBind(mac)
            )
            .run()
        trail.noteAppended(AuditAnchor(seq: seq, hash: hash, mac: mac))
    }

    static func append(
        actor: String, action: String, entity: String, entityID: String, townshipCode: String?,
        before: (any Encodable & Sendable)?, after: (any Encodable & Sendable)?, on db: any Database
    ) async throws {
        try await append(
            Record(
                actor: actor, action: action, entity: entity, entityID: entityID, townshipCode: townshipCode,
                beforeJSON: canonicalJSON(before), afterJSON: canonicalJSON(after)),
            on: db)
    }

    static func chainHash(seq: Int, at: String, record: Record, prevHash: String) -> String {
        // Unit separators keep field boundaries unambiguous ("ab"+"c" ≠ "a"+"bc").
        let fields = [
            String(seq), at, record.actor, record.action, record.entity, record.entityID, record.townshipCode ?? "",
            record.beforeJSON, record.afterJSON, prevHash,
        ]
        return Hex.string(SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8)))
    }

    static func canonicalJSON(_ value: (any Encodable & Sendable)?) -> String {
        guard let value else { return "null" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// The moment an audit timestamp names, with or without fractional seconds. The styles are
    /// values made once: an export reads one timestamp per entry, up to 50,000 of them.
    static func date(_ timestamp: String) -> Date? {
        (try? fractionalStyle.parse(timestamp)) ?? (try? wholeSecondStyle.parse(timestamp))
    }

    private static let fractionalStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeSecondStyle = Date.ISO8601FormatStyle()

    private struct SeqHash: Decodable {
        let seq: Int
        let hash: String
    }
}
