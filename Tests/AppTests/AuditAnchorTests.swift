import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The audit trail against an attacker who can write the database but has neither the key
/// file nor the anchor file: every edit is done with raw SQL after dropping the guards.
@Suite("Audit anchors, MACs and roll digests")
struct AuditAnchorTests {
    /// Users, the register, and the approved 2022Q3 roll: every step a committed gated write,
    /// so the anchor file names the head after each.
    private func populated(_ app: Application) async throws -> PaymentRoll {
        try await PaymentFixtures.seed(app)
        return try await PaymentFixtures.lockedRoll("2022Q3", app)
    }

    private func anchorPath(_ app: Application) -> String { app.auditTrail!.anchors!.path }

    private func anchorLines(_ app: Application) throws -> [AuditAnchorFile.Line] {
        try AuditAnchorFile(path: anchorPath(app)).read().get()
    }

    private func lastSeq(_ app: Application) async throws -> Int {
        try await AuditEntry.query(on: app.db).max(\.$id) ?? 0
    }

    private func record(_ row: AuditEntry) -> AuditLog.Record {
        AuditLog.Record(
            actor: row.actor, action: row.action, entity: row.entity, entityID: row.entityID,
            townshipCode: row.townshipCode,
            beforeJSON: row.beforeJSON, afterJSON: row.afterJSON)
    }

    @Test func untouchedDatabasePasses() async throws {
        try await withTestApp { app in
            _ = try await populated(app)
            let report = try await AuditVerifier.verify(on: app.db)
            #expect(report.firstBroken == nil)
            #expect(report.rollsChecked == 1)
            #expect(report.unsignedRows == 0)
            #expect(report.anchors > 0)
            #expect(report.anchors == (try anchorLines(app)).count)
            // The newest anchor is the approval, the last row written.
            let last = try await lastSeq(app)
            #expect(try anchorLines(app).last?.anchor.seq == last)
            let unsigned = try await AuditEntry.query(on: app.db).filter(\.$mac == nil).count()
            #expect(unsigned == 0)
        }
    }

    @Test func deletedLastRowsAreFound() async throws {
        try await withTestApp { app in
            // given: the attacker removes the two newest rows (the roll's approval among them)
            _ = try await populated(app)
            let last = try await lastSeq(app)
            try await dropAuditGuards(app)
            try await (app.db as! any SQLDatabase).raw("DELETE FROM audit_entries WHERE seq > \(bind: last - 2)").run()
            // when
            let report = try await AuditVerifier.verify(on: app.db)
            // then: what is left is a perfect chain, but the anchor file names a row beyond it
            #expect(report.checked == last - 2)
            #expect(report.firstBroken?.seq == last)
            #expect(report.firstBroken?.reason == "锚定文件记录第\(last)条，但数据库中只有\(last - 2)条：末尾记录被删除，或数据库恢复自较早的备份")
        }
    }

    @Test func rewrittenRowWithEveryLaterHashRecomputedIsFound() async throws {
        try await withTestApp { app in
            // given: row 3 gets another actor, and every hash from there on is recomputed so
            // the chain itself is flawless again
            _ = try await populated(app)
            try await dropAuditGuards(app)
            let sql = app.db as! any SQLDatabase
            var prev = AuditLog.genesisHash
            for row in try await AuditEntry.query(on: app.db).sort(\.$id).all() {
                let seq = row.id!
                guard seq >= 3 else {
                    prev = row.hash
                    continue
                }
                var forged = record(row)
                if seq == 3 { forged.actor = "someone-else" }
                let hash = AuditLog.chainHash(seq: seq, at: row.at, record: forged, prevHash: prev)
                try await sql.raw(
                    """
                    UPDATE audit_entries SET actor = \(bind: forged.actor), prev_hash = \(bind: prev), hash = \(bind: hash) WHERE seq = \(bind: seq)
                    """
                ).run()
                prev = hash
            }
            // when
            let report = try await AuditVerifier.verify(on: app.db)
            // then: every link holds; the MAC, which needs the key, does not
            #expect(report.firstBroken?.seq == 3)
            #expect(report.firstBroken?.reason == "第3条记录的校验码不符：该记录或其后的记录被改写")
        }
    }

    @Test func forgedAppendedRowIsFound() async throws {
        try await withTestApp { app in
            // given: a row appended with a correct chain hash and a MAC made with a guessed key
            _ = try await populated(app)
            let last = try await lastSeq(app)
            let head = try await AuditEntry.find(last, on: app.db)!
            let forged = AuditLog.Record(
                actor: "leader", action: "roll.approve", entity: "payment_roll", entityID: UUID().uuidString,
                townshipCode: nil,
                beforeJSON: "null", afterJSON: "{}")
            let at = AuditLog.timestamp(Date())
            let hash = AuditLog.chainHash(seq: last + 1, at: at, record: forged, prevHash: head.hash)
            let guessedMAC = AuditKey.random().mac(ofHash: hash)
            try await (app.db as! any SQLDatabase).insert(into: "audit_entries")
                .columns(
                    "seq", "at", "actor", "action", "entity", "entity_id", "township_code", "before_json", "after_json",
                    "prev_hash", "hash", "mac"
                )
                .values(
                    SQLBind(last + 1), SQLBind(at), SQLBind(forged.actor), SQLBind(forged.action),
                    SQLBind(forged.entity),
                    SQLBind(forged.entityID), SQLBind(forged.townshipCode), SQLBind(forged.beforeJSON),
                    SQLBind(forged.afterJSON),
                    SQLBind(head.hash), SQLBind(hash), SQLBind(guessedMAC)
                ).run()
            // when
            let report = try await AuditVerifier.verify(on: app.db)
            // then
            #expect(report.firstBroken?.seq == last + 1)
            #expect(report.firstBroken?.reason == "第\(last + 1)条记录的校验码不符：该记录或其后的记录被改写")
        }
    }

    @Test func forgedRowWithoutMACIsFound() async throws {
        try await withTestApp { app in
            // given: the forger leaves the MAC out, as if the row predated MACs
            _ = try await populated(app)
            let last = try await lastSeq(app)
            let head = try await AuditEntry.find(last, on: app.db)!
            let forged = AuditLog.Record(
                actor: "admin", action: "user.create", entity: "user", entityID: "mole", townshipCode: nil,
                beforeJSON: "null",
                afterJSON: "{}")
            let at = AuditLog.timestamp(Date())
            let hash = AuditLog.chainHash(seq: last + 1, at: at, record: forged, prevHash: head.hash)
            try await (app.db as! any SQLDatabase).raw(
                """
                INSERT INTO audit_entries (seq, at, actor, action, entity, entity_id, township_code, before_json, after_json, prev_hash, hash)
                VALUES (\(bind: last + 1), \(bind: at), 'admin', 'user.create', 'user', 'mole', NULL, 'null', '{}', \(bind: head.hash), \(bind: hash))
                """
            ).run()
            // when
            let report = try await AuditVerifier.verify(on: app.db)
            // then
            #expect(report.firstBroken?.seq == last + 1)
            #expect(report.firstBroken?.reason == "第\(last + 1)条记录没有校验码：该记录不是由本系统写入的")
        }
    }

    @Test func approvedRollLineEditedInTheTableIsFound() async throws {
        try await withTestApp { app in
            // given: 100元 more on one line of the approved roll, straight in the lines table
            let roll = try await populated(app)
            let sql = app.db as! any SQLDatabase
            try await sql.raw(
                "UPDATE payment_roll_lines SET amount_fen = amount_fen + 10000 WHERE roll_id = \(bind: roll.id!) AND seq = 1"
            ).run()
            // when
            let report = try await AuditVerifier.verify(on: app.db)
            // then
            #expect(report.firstBroken?.reason == "发放名册2022Q3的明细与批准时的摘要不符：明细在批准后被改动")
        }
    }

    @Test func rollDigestRecomputedInTheRollRowIsStillFound() async throws {
        try await withTestApp { app in
            // given: the line edited and the roll's stored digest brought in line with it; the
            // approval's audit entry, under the MAC, still holds the digest of what was approved
            let roll = try await populated(app)
            let approved = try #require(try await PaymentRoll.find(roll.id, on: app.db)?.linesDigest)
            let sql = app.db as! any SQLDatabase
            try await sql.raw(
                "UPDATE payment_roll_lines SET card_number = '6214830000009999' WHERE roll_id = \(bind: roll.id!) AND seq = 2"
            ).run()
            let recomputed = try await RollDigest.compute(rollID: roll.id!, on: app.db)
            #expect(recomputed != approved)
            try await sql.raw(
                "UPDATE payment_rolls SET lines_digest = \(bind: recomputed) WHERE id = \(bind: roll.id!)"
            ).run()
            // when
            let report = try await AuditVerifier.verify(on: app.db)
            // then
            #expect(report.firstBroken?.reason == "发放名册2022Q3的明细与批准时的摘要不符：明细在批准后被改动")
        }
    }

    @Test func approvedRollTurnedBackToDraftIsFound() async throws {
        try await withTestApp { app in
            // given: status reset so that a digest check would pass the roll by
            let roll = try await populated(app)
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE payment_rolls SET status = 'draft' WHERE id = \(bind: roll.id!)"
            ).run()
            // when
            let report = try await AuditVerifier.verify(on: app.db)
            // then
            #expect(report.firstBroken?.reason.hasPrefix("发放名册2022Q3在审计日志第") == true)
            #expect(report.firstBroken?.reason.hasSuffix("已审批，但数据库中不是已审批状态：名册状态在系统之外被改动") == true)
        }
    }

    @Test func rowsFromBeforeMACsPassOnlyAsThePrefixOfTheChain() async throws {
        try await withTestApp { app in
            // given: a database upgraded from before MACs: the first rows have none, and the
            // anchor file starts after them
            _ = try await populated(app)
            try await dropAuditGuards(app)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE audit_entries SET mac = NULL WHERE seq <= 3").run()
            try Data().write(to: URL(fileURLWithPath: anchorPath(app)))
            // then: accepted and counted
            let report = try await AuditVerifier.verify(on: app.db)
            #expect(report.firstBroken == nil)
            #expect(report.unsignedRows == 3)
            // when: a later row loses its MAC too
            try await sql.raw("UPDATE audit_entries SET mac = NULL WHERE seq = 5").run()
            // then
            #expect(try await AuditVerifier.verify(on: app.db).firstBroken?.reason == "第5条记录没有校验码：该记录不是由本系统写入的")
        }
    }

    @Test func approvalStoresTheDigestInTheRollAndItsAuditEntry() async throws {
        try await withTestApp { app in
            let roll = try await populated(app)
            let stored = try #require(try await PaymentRoll.find(roll.id, on: app.db)?.linesDigest)
            #expect(stored == (try await RollDigest.compute(rollID: roll.id!, on: app.db)))
            let entry = try #require(
                try await AuditEntry.query(on: app.db).filter(\.$action == "roll.approve").filter(
                    \.$entityID == roll.id!.uuidString
                ).first())
            #expect(entry.afterJSON.contains("\"linesDigest\":\"\(stored)\""))
            // A draft's snapshot has no digest field at all.
            let generated = try #require(
                try await AuditEntry.query(on: app.db).filter(\.$action == "roll.generate").first())
            #expect(!generated.afterJSON.contains("linesDigest"))
        }
    }

    @Test func forgedAnchorLineIsFound() async throws {
        try await withTestApp { app in
            // given: a line added to the anchor file without the key
            _ = try await populated(app)
            let last = try await lastSeq(app)
            let head = try await AuditEntry.find(last, on: app.db)!
            try AuditAnchorFile(path: anchorPath(app)).append(
                AuditAnchor(seq: last, hash: head.hash, mac: AuditKey.random().mac(ofHash: head.hash)))
            let number = try anchorLines(app).count
            // when
            let report = try await AuditVerifier.verify(on: app.db)
            // then
            #expect(report.firstBroken?.reason == "锚定文件第\(number)行的校验码不符：锚定文件被改写，或密钥文件不是写入时的那一个")
        }
    }

    @Test func committedWriteAnchorsItsHeadAndRolledBackWriteDoesNot() async throws {
        try await withTestApp { app in
            _ = try await populated(app)
            let anchored = try anchorLines(app).count
            let last = try await lastSeq(app)
            // when: a write appends an audit row and then fails, so its transaction rolls back
            await #expect(throws: ResettleError.self) {
                try await app.writeGate.run {
                    try await app.db.transaction { tx in
                        try await AuditLog.append(
                            actor: "county", action: "test.write", entity: "test", entityID: "1", townshipCode: nil,
                            before: nil,
                            after: nil, on: tx)
                        throw ResettleError.conflict("失败")
                    }
                }
            }
            // then: no anchor names the row that never was
            #expect(try anchorLines(app).count == anchored)
            #expect(try await AuditVerifier.verify(on: app.db).firstBroken == nil)
            // when: the same write commits
            try await app.writeGate.run {
                try await app.db.transaction { tx in
                    try await AuditLog.append(
                        actor: "county", action: "test.write", entity: "test", entityID: "1", townshipCode: nil,
                        before: nil,
                        after: nil, on: tx)
                }
            }
            // then: exactly one more anchor, naming the new row with its MAC
            let lines = try anchorLines(app)
            #expect(lines.count == anchored + 1)
            let row = try await AuditEntry.find(last + 1, on: app.db)!
            #expect(lines.last?.anchor == AuditAnchor(seq: last + 1, hash: row.hash, mac: row.mac ?? ""))
            #expect(try await AuditVerifier.verify(on: app.db).firstBroken == nil)
        }
    }

    @Test func auditPageShowsTheProblem() async throws {
        try await withTestApp { app in
            let roll = try await populated(app)
            try await (app.db as! any SQLDatabase)
                .raw("UPDATE payment_roll_lines SET amount_fen = 1 WHERE roll_id = \(bind: roll.id!) AND seq = 1").run()
            let discipline = TestClient(app: app)
            try await discipline.login("discipline")
            let page = try await discipline.get("/audit")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("完整性校验失败：发放名册2022Q3的明细与批准时的摘要不符"))
        }
    }
}

@Suite("Audit key file")
struct AuditKeyFileTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "resettle-key-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func createdOnceWithOwnerOnlyModeAndReadBackTheSame() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sub/audit.key").path
        // when
        let first = try AuditKey.loadOrCreate(at: path)
        let second = try AuditKey.loadOrCreate(at: path)
        // then
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        #expect(text.trimmingCharacters(in: .newlines).count == 64)
        #expect(first.mac(ofHash: "abc") == second.mac(ofHash: "abc"))
        #expect(first.mac(ofHash: "abc") != AuditKey.random().mac(ofHash: "abc"))
    }

    @Test func damagedKeyFileIsRefusedNotReplaced() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("audit.key").path
        FileManager.default.createFile(atPath: path, contents: Data("not a key\n".utf8))
        #expect(throws: AuditKeyError.self) { try AuditKey.loadOrCreate(at: path) }
        #expect(String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self) == "not a key\n")
    }
}
