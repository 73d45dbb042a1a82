import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

@Suite("Bank results: voiding a wrong result")
struct BankResultVoidTests {
    /// A locked 2022Q3 roll and the fixture's bank file with one of every kind, imported by county.
    static func imported(_ app: Application) async throws -> (roll: PaymentRoll, result: BankResult, data: Data) {
        try await PaymentFixtures.seed(app)
        let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
        let data = PaymentFixtures.bankCSV(PaymentFixtures.rowsWithEveryKind)
        guard case .imported(let id, _, _, _) = try await PaymentFixtures.importResult(roll, data, app),
            let result = try await BankResult.find(id, on: app.db)
        else { throw ResettleError.conflict("the fixture's bank file did not import") }
        return (roll, result, data)
    }

    static func voiding(_ name: String, _ app: Application) async throws -> BankResultVoiding {
        BankResultVoiding(db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user(name, app))
    }

    @Test func aSecondPersonVoidsWithAReasonAndTheResultStopsCountingButStaysOnRecord() async throws {
        try await withTestApp { app in
            // given
            let (roll, result, data) = try await Self.imported(app)
            let id = try result.requireID()
            #expect(try await ReissueCase.query(on: app.db).filter(\.$status == "open").count() == 1)
            // when / then: the importer may not void it, nor anyone without a reason
            await #expect(throws: ResettleError.conflict("银行结果须由导入人以外的另一人作废（本结果由 county 导入）")) {
                try await Self.voiding("county", app).void(resultID: id, reason: "导错了文件")
            }
            await #expect(throws: ResettleError.invalidInput("请填写作废原因（如：导入了错误的文件、列对应错误）")) {
                try await Self.voiding("leader", app).void(resultID: id, reason: "  ")
            }
            // when: the leader voids it
            try await Self.voiding("leader", app).void(resultID: id, reason: "导入了二季度的文件")
            // then: it stays, marked, with its lines and differences; its re-issue is withdrawn
            let stored = try #require(try await BankResult.find(id, on: app.db))
            #expect(stored.voidedBy == "leader" && stored.voidReason == "导入了二季度的文件" && stored.isVoided)
            #expect(try await BankResultLineRow.query(on: app.db).count() == 8)
            #expect(try await ReconciliationQuery.all(resultID: id, on: app.db).count == 7)
            let cases = try await ReissueCase.query(on: app.db).all()
            #expect(cases.map(\.status) == ["withdrawn"])
            let audit = try #require(
                try await AuditEntry.query(on: app.db).filter(\.$action == "bank_result.void").first())
            #expect(audit.actor == "leader" && audit.entityID == id.uuidString)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "reissue.withdraw").count() == 1)
            // and a second void is refused
            await #expect(throws: ResettleError.self) {
                try await Self.voiding("admin", app).void(resultID: id, reason: "再次作废")
            }
            // when: the same file is imported again
            let again = try await PaymentFixtures.importResult(roll, data, app)
            // then: it is a new live result, and the failed payment is a re-issue case again
            guard case .imported(let newID, _, _, _) = again else {
                Issue.record("the same file was not taken again after the void: \(again)")
                return
            }
            #expect(newID != id)
            let reopened = try await ReissueCase.query(on: app.db).all()
            #expect(reopened.map(\.status) == ["open"] && reopened.first?.resultID == newID)
            #expect(
                try await BankResult.query(on: app.db).filter(\.$voidedAt == nil).all().map(\.id) == [newID])
        }
    }

    @Test func aVoidedResultLeavesTheRollPageTheThreeWayChoiceTheAPIAndThePersonsPayments() async throws {
        try await withTestApp { app in
            // given
            let (roll, result, _) = try await Self.imported(app)
            let id = try result.requireID()
            let client = TestClient(app: app)
            try await client.login("leader")
            #expect(try await client.get(RollRoutes.show(roll.id!)).body.string.contains(BankResultRoutes.show(id)))
            // when: voided through the page, with its form
            _ = try await client.get(BankResultRoutes.show(id))
            let voided = try await client.postForm(BankResultRoutes.void(id), ["reason": "列对应错误"])
            // then
            #expect(voided.status == .seeOther)
            let page = try await client.get(BankResultRoutes.show(id)).body.string
            #expect(page.contains("id=\"voided\"") && page.contains("列对应错误"))
            #expect(!page.contains("id=\"void-form\""))
            let rollPage = try await client.get(RollRoutes.show(roll.id!)).body.string
            #expect(!rollPage.contains(BankResultRoutes.show(id)))
            #expect(!(try await client.get(ThreeWayRoutes.show(roll.id!)).body.string.contains(id.uuidString)))
            let api = try await client.get(PaymentsAPIRoutes.results.path(roll.id!))
            #expect(api.status == .ok && !api.body.string.contains(id.uuidString))
            // the failed payment of 赵六 is no longer shown as failed on the person's page
            let zhao = try #require(
                try await Person.query(on: app.db).filter(\.$idNumber == PaymentFixtures.p6).first())
            #expect(!(try await client.get(RegisterRoutes.person(zhao.id!)).body.string.contains("失败（退票）")))
            // the export of a voided result says so in its name
            let xlsx = try await client.get(BankResultRoutes.exportDifferences.path(id))
            #expect(xlsx.headers.first(name: .contentDisposition)?.contains("%E5%B7%B2%E4%BD%9C%E5%BA%9F") == true)
        }
    }

    @Test func aReissueAlreadyOnARollBlocksTheVoidUntilThatDraftIsDiscarded() async throws {
        try await withTestApp { app in
            // given: 赵六 has a new card, and the next quarter's draft carries the re-issue the result opened
            let (_, result, _) = try await Self.imported(app)
            let id = try result.requireID()
            let zhao = try await Fixtures.person(PaymentFixtures.p6, on: app.db)
            zhao.cardNumber = "6214830000000096"
            try await zhao.update(on: app.db)
            let next = try await PaymentFixtures.generate("2022Q4", app)
            #expect(try await ReissueCase.query(on: app.db).first()?.reissueRollID == next.id)
            // when / then
            do {
                try await Self.voiding("leader", app).void(resultID: id, reason: "导错了文件")
                Issue.record("voided a result whose re-issue a draft roll holds")
            } catch ResettleError.conflict(let message) {
                #expect(message.contains("已列入2022Q4花名册") && message.contains("赵六"), "\(message)")
            }
            #expect(try await BankResult.find(id, on: app.db)?.isVoided == false)
            // when: the draft is discarded, the claim is released and the void goes through
            _ = try await RollDiscard(
                db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user("county", app)
            )
            .discard(rollID: next.requireID(), reason: "先作废银行结果")
            try await Self.voiding("leader", app).void(resultID: id, reason: "导错了文件")
            #expect(try await BankResult.find(id, on: app.db)?.isVoided == true)
        }
    }

    @Test func financeAndTownshipStaffCannotVoid() async throws {
        try await withTestApp { app in
            let (_, result, _) = try await Self.imported(app)
            let id = try result.requireID()
            for name in ["finance", "huochang"] {
                let client = TestClient(app: app)
                try await client.login(name)
                _ = try await client.get("/")
                let response = try await client.postForm(BankResultRoutes.void(id), ["reason": "试试"])
                #expect(response.status == .forbidden, "\(name)")
            }
            #expect(try await BankResult.find(id, on: app.db)?.isVoided == false)
        }
    }
}
