import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Audit trail")
struct AuditTrailTests {
    private func populated(_ app: Application) async throws {
        try await Fixtures.seed(app)
        try await Fixtures.importRegister(app)
    }

    @Test func intactChainVerifies() async throws {
        try await withTestApp { app in
            try await populated(app)
            let report = try await AuditVerifier.verify(on: app.db)
            #expect(report.firstBroken == nil)
            let count = try await AuditEntry.query(on: app.db).count()
            #expect(report.checked == count)
            #expect(report.checked >= 9)
        }
    }

    @Test func applicationCannotUpdateOrDeleteAuditRows() async throws {
        try await withTestApp { app in
            try await populated(app)
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_entries SET actor = 'x' WHERE seq = 1").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_entries WHERE seq = 1").run()
            }
        }
    }

    @Test func alteredRowIsFoundAtItsSequenceNumber() async throws {
        try await withTestApp { app in
            // given: someone with database access drops the guard and edits row 4
            try await populated(app)
            try await dropAuditGuards(app)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE audit_entries SET after_json = '{\"forged\":true}' WHERE seq = 4").run()
            // when
            let report = try await AuditVerifier.verify(on: app.db)
            // then
            #expect(report.firstBroken?.seq == 4)
            #expect(report.checked == 3)
        }
    }

    @Test func removedRowIsFound() async throws {
        try await withTestApp { app in
            try await populated(app)
            try await dropAuditGuards(app)
            try await (app.db as! any SQLDatabase).raw("DELETE FROM audit_entries WHERE seq = 5").run()
            let report = try await AuditVerifier.verify(on: app.db)
            #expect(report.firstBroken?.seq == 5)
            #expect(report.firstBroken?.reason.contains("缺失") == true)
        }
    }

    @Test func rehashedRowStillBreaksTheNextLink() async throws {
        try await withTestApp { app in
            // given: the forger recomputes row 3's own hash, but cannot fix row 4's prev_hash without rewriting everything after
            try await populated(app)
            try await dropAuditGuards(app)
            let sql = app.db as! any SQLDatabase
            let row = try await AuditEntry.query(on: app.db).filter(\.$id == 3).first()!
            let record = AuditLog.Record(
                actor: "someone-else", action: row.action, entity: row.entity, entityID: row.entityID,
                townshipCode: row.townshipCode, beforeJSON: row.beforeJSON, afterJSON: row.afterJSON)
            let hash = AuditLog.chainHash(seq: 3, at: row.at, record: record, prevHash: row.prevHash)
            try await sql.raw("UPDATE audit_entries SET actor = 'someone-else', hash = \(bind: hash) WHERE seq = 3")
                .run()
            // when
            let report = try await AuditVerifier.verify(on: app.db)
            // then
            #expect(report.firstBroken?.seq == 4)
        }
    }
}
