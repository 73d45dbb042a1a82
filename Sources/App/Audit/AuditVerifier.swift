import Fluent
import Foundation
import SQLKit

/// Checks the audit trail against everything that vouches for it: the hash chain from the
/// first row, each row's MAC under the key file, the chain heads in the anchor file, and the
/// line digest of every approved roll. Reports the first problem.
enum AuditVerifier {
    struct Report: Sendable, Equatable {
        var checked: Int
        var headHash: String
        /// nil when the chain is intact.
        var firstBroken: Broken?
        /// Anchor-file lines matched against the table.
        var anchors: Int = 0
        /// Rows from before MACs were introduced (a prefix of the chain, checked by hash only).
        var unsignedRows: Int = 0
        /// Approved rolls whose lines were checked against their approval digest.
        var rollsChecked: Int = 0
    }

    struct Broken: Sendable, Equatable {
        /// The audit row concerned (for a roll: its approval entry).
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
        let mac: String?
    }

    static func verify(on db: any Database, pageSize: Int = 5000) async throws -> Report {
        let trail = try AuditTrail.require(db)
        // Read the anchors before the table: every line already written names a committed
        // row, so writes made while this runs cannot produce a false alarm.
        var anchors: [AuditAnchorFile.Line] = []
        if let file = trail.anchors {
            switch file.read() {
            case .success(let lines): anchors = lines
            case .failure(.unreadable(let reason)):
                return Report(checked: 0, headHash: AuditLog.genesisHash, firstBroken: Broken(seq: 0, reason: reason))
            case .failure(.malformed(let line)):
                return Report(
                    checked: 0, headHash: AuditLog.genesisHash,
                    firstBroken: Broken(seq: 0, reason: "锚定文件 \(file.path) 第\(line)行格式不正确：锚定文件被改动"))
            }
        }
        for line in anchors where line.anchor.mac != trail.key.mac(ofHash: line.anchor.hash) {
            return Report(
                checked: 0, headHash: AuditLog.genesisHash,
                firstBroken: Broken(seq: line.anchor.seq, reason: "锚定文件第\(line.number)行的校验码不符：锚定文件被改写，或密钥文件不是写入时的那一个"))
        }
        anchors.sort { $0.anchor.seq < $1.anchor.seq }

        var expectedSeq = 1
        var prev = AuditLog.genesisHash
        var checked = 0
        var unsigned = 0
        var signedSeen = false
        var nextAnchor = 0
        // A MAC or anchor mismatch is kept while the walk goes on: a broken link further on is
        // reported first, since it names the row the chain itself gives up at.
        var firstMismatch: Broken?
        while true {
            let rows = try await (db as! any SQLDatabase).raw(
                """
                SELECT seq, at, actor, action, entity, entity_id, township_code, before_json, after_json, prev_hash, hash, mac
                FROM audit_entries WHERE seq >= \(bind: expectedSeq) ORDER BY seq LIMIT \(unsafeRaw: String(pageSize))
                """
            ).all(decoding: Row.self)
            if rows.isEmpty { break }
            for row in rows {
                func report(_ broken: Broken) -> Report {
                    Report(
                        checked: checked, headHash: prev, firstBroken: broken, anchors: nextAnchor,
                        unsignedRows: unsigned)
                }
                if row.seq != expectedSeq {
                    return report(Broken(seq: expectedSeq, reason: "第\(expectedSeq)条记录缺失（下一条为第\(row.seq)条）"))
                }
                if row.prev_hash != prev {
                    return report(Broken(seq: row.seq, reason: "第\(row.seq)条记录的前序哈希与第\(row.seq - 1)条不符"))
                }
                let record = AuditLog.Record(
                    actor: row.actor, action: row.action, entity: row.entity, entityID: row.entity_id,
                    townshipCode: row.township_code, beforeJSON: row.before_json, afterJSON: row.after_json)
                let recomputed = AuditLog.chainHash(seq: row.seq, at: row.at, record: record, prevHash: row.prev_hash)
                if recomputed != row.hash {
                    return report(Broken(seq: row.seq, reason: "第\(row.seq)条记录的内容已被改动（哈希不符）"))
                }
                if firstMismatch == nil {
                    firstMismatch = macMismatch(row, trail: trail, signedSeen: signedSeen)
                }
                if row.mac == nil && !signedSeen { unsigned += 1 } else { signedSeen = true }
                while nextAnchor < anchors.count && anchors[nextAnchor].anchor.seq == row.seq {
                    let anchor = anchors[nextAnchor].anchor
                    if firstMismatch == nil && (anchor.hash != row.hash || anchor.mac != row.mac) {
                        firstMismatch = Broken(seq: row.seq, reason: "第\(row.seq)条记录与锚定文件不符：该记录或其之前的记录被改写")
                    }
                    nextAnchor += 1
                }
                prev = row.hash
                expectedSeq += 1
                checked += 1
            }
        }
        var result = Report(
            checked: checked, headHash: prev, firstBroken: firstMismatch, anchors: nextAnchor, unsignedRows: unsigned)
        if firstMismatch != nil { return result }
        if let beyond = anchors.last?.anchor.seq, beyond > checked {
            result.firstBroken = Broken(
                seq: beyond,
                reason: "锚定文件记录第\(beyond)条，但数据库中只有\(checked)条：末尾记录被删除，或数据库恢复自较早的备份")
            return result
        }
        let rolls = try await verifyRolls(on: db)
        result.rollsChecked = rolls.checked
        result.firstBroken = rolls.broken
        return result
    }

    private static func macMismatch(_ row: Row, trail: AuditTrail, signedSeen: Bool) -> Broken? {
        guard let mac = row.mac else {
            // Rows from before MACs existed come first; one without a MAC after a signed row
            // was not written by the application.
            return signedSeen ? Broken(seq: row.seq, reason: "第\(row.seq)条记录没有校验码：该记录不是由本系统写入的") : nil
        }
        guard mac != trail.key.mac(ofHash: row.hash) else { return nil }
        let hint = signedSeen ? "" : "，或密钥文件不是写入时的那一个"
        return Broken(seq: row.seq, reason: "第\(row.seq)条记录的校验码不符：该记录或其后的记录被改写\(hint)")
    }

    private struct Approval: Decodable {
        let seq: Int
        let entity_id: String
        let after_json: String
    }

    private struct ApprovedSnapshot: Decodable {
        let period: String
        let linesDigest: String?
    }

    /// Every roll approval in the (already verified) trail against the roll and its lines as
    /// they are now. The trail is the trusted side: the roll row's own status and digest can be
    /// edited together with the lines, the MAC-protected approval entry cannot.
    private static func verifyRolls(on db: any Database) async throws -> (checked: Int, broken: Broken?) {
        let entries = try await (db as! any SQLDatabase).raw(
            """
            SELECT seq, entity_id, after_json FROM audit_entries
            WHERE entity = 'payment_roll' AND action = 'roll.approve' ORDER BY seq
            """
        ).all(decoding: Approval.self)
        var approvals: [String: (seq: Int, snapshot: ApprovedSnapshot)] = [:]
        for entry in entries {
            guard let snapshot = try? JSONDecoder().decode(ApprovedSnapshot.self, from: Data(entry.after_json.utf8))
            else { continue }
            approvals[entry.entity_id.uppercased()] = (entry.seq, snapshot)
        }
        var checked = 0
        for roll in try await PaymentRoll.query(on: db).sort(\.$period).all() {
            let approval = approvals.removeValue(forKey: try roll.requireID().uuidString)
            guard let approval else {
                if roll.isLocked {
                    return (checked, Broken(seq: 0, reason: "发放名册\(roll.period)为已审批状态，但审计日志中没有它的审批记录：名册状态在系统之外被改动"))
                }
                continue
            }
            guard roll.isLocked else {
                return (
                    checked,
                    Broken(
                        seq: approval.seq,
                        reason: "发放名册\(roll.period)在审计日志第\(approval.seq)条已审批，但数据库中不是已审批状态：名册状态在系统之外被改动")
                )
            }
            // Approved before digests were recorded: nothing to compare with.
            guard let expected = approval.snapshot.linesDigest else { continue }
            if try await RollDigest.compute(rollID: try roll.requireID(), on: db) != expected {
                return (checked, Broken(seq: approval.seq, reason: "发放名册\(roll.period)的明细与批准时的摘要不符：明细在批准后被改动"))
            }
            if roll.linesDigest != expected {
                return (
                    checked, Broken(seq: approval.seq, reason: "发放名册\(roll.period)保存的摘要与审计日志第\(approval.seq)条的审批记录不符")
                )
            }
            checked += 1
        }
        if let gone = approvals.values.min(by: { $0.seq < $1.seq }) {
            return (
                checked,
                Broken(
                    seq: gone.seq, reason: "审计日志第\(gone.seq)条记录了发放名册\(gone.snapshot.period)的审批，但该名册已不在数据库中")
            )
        }
        return (checked, nil)
    }
}

extension AuditVerifier {
    /// What a passing verification covered, for the command and the audit page.
    static func summary(_ r: Report) -> String {
        var parts = ["共 \(r.checked) 条记录，哈希链与校验码完整"]
        if r.unsignedRows > 0 { parts.append("其中前 \(r.unsignedRows) 条早于校验码启用，仅校验哈希") }
        parts.append(r.anchors > 0 ? "与锚定文件的 \(r.anchors) 个锚点一致" : "锚定文件中尚无锚点")
        parts.append("已核对 \(r.rollsChecked) 份已审批发放名册的明细摘要")
        return parts.joined(separator: "；") + "（末条哈希 \(r.headHash.prefix(16))…）"
    }
}
