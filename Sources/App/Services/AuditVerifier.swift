import Fluent
import Foundation
import SQLKit

/// Walks the audit chain from the first row and reports the first row that does not follow.
enum AuditVerifier {
    struct Report: Sendable, Equatable {
        var checked: Int
        var headHash: String
        /// nil when the chain is intact.
        var firstBroken: Broken?
    }

    struct Broken: Sendable, Equatable {
        var seq: Int
        var reason: String
    }

    private struct Row: Decodable {
        let seq: Int
        let at: String
        let actor: String
        let action: String
        let entity: String
        let entity_id: String
        let township_code: String?
        let before_json: String
        let after_json: String
        let prev_hash: String
        let hash: String
    }

    static func verify(on db: any Database, pageSize: Int = 5000) async throws -> Report {
        let sql = db as! any SQLDatabase
        var expectedSeq = 1
        var prev = AuditLog.genesisHash
        var checked = 0
        while true {
            let rows = try await sql.raw("""
                SELECT seq, at, actor, action, entity, entity_id, township_code, before_json, after_json, prev_hash, hash
                FROM audit_entries WHERE seq >= \(bind: expectedSeq) ORDER BY seq LIMIT \(unsafeRaw: String(pageSize))
                """).all(decoding: Row.self)
            if rows.isEmpty { break }
            for row in rows {
                if row.seq != expectedSeq {
                    return Report(checked: checked, headHash: prev, firstBroken: Broken(seq: expectedSeq, reason: "第\(expectedSeq)条记录缺失（下一条为第\(row.seq)条）"))
                }
                if row.prev_hash != prev {
                    return Report(checked: checked, headHash: prev, firstBroken: Broken(seq: row.seq, reason: "第\(row.seq)条记录的前序哈希与第\(row.seq - 1)条不符"))
                }
                let record = AuditLog.Record(
                    actor: row.actor, action: row.action, entity: row.entity, entityID: row.entity_id,
                    townshipCode: row.township_code, beforeJSON: row.before_json, afterJSON: row.after_json)
                let recomputed = AuditLog.chainHash(seq: row.seq, at: row.at, record: record, prevHash: row.prev_hash)
                if recomputed != row.hash {
                    return Report(checked: checked, headHash: prev, firstBroken: Broken(seq: row.seq, reason: "第\(row.seq)条记录的内容已被改动（哈希不符）"))
                }
                prev = row.hash
                expectedSeq += 1
                checked += 1
            }
        }
        return Report(checked: checked, headHash: prev, firstBroken: nil)
    }
}
