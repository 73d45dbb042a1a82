import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Discipline inspection checks the payments: it reads the rolls, the re-issues and the
/// recoveries, pages and API, and can write nothing there.
@Suite("Discipline access to payments")
struct DisciplineAccessTests {
    @Test func disciplineReadsRollsReissuesAndRecoveries() async throws {
        try await withTestApp { app in
            // given a locked roll
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let discipline = TestClient(app: app)
            try await discipline.login("discipline")
            // when / then every read answers
            let list = try await discipline.get(RollRoutes.list.path())
            #expect(list.status == .ok)
            #expect(list.body.string.contains("2022Q3") || list.body.string.contains("2022年第3季度"))
            let page = try await discipline.get(RollRoutes.show(roll.id!))
            #expect(page.status == .ok)
            // no buttons for writes on the roll page
            #expect(!page.body.string.contains(RollRoutes.regenerate(roll.id!)))
            #expect(!page.body.string.contains(RollRoutes.approve(roll.id!)))
            #expect(!page.body.string.contains(RollRoutes.exportXLSX(roll.id!)))
            #expect(try await discipline.get(RollRoutes.show(roll.id!, tab: "lines")).status == .ok)
            #expect(try await discipline.get(RollRoutes.print(roll.id!)).status == .ok)
            #expect(try await discipline.get(PaymentCaseRoutes.reissues.path()).status == .ok)
            let recoveries = try await discipline.get(PaymentCaseRoutes.recoveries.path())
            #expect(recoveries.status == .ok)
            #expect(!recoveries.body.string.contains(PaymentCaseRoutes.scan.path()))
            #expect(try await discipline.get(PolicyRoutes.list.path()).status == .ok)
            #expect(try await discipline.get(PaymentsAPIRoutes.rolls.path()).status == .ok)
            #expect(try await discipline.get(PaymentsAPIRoutes.roll.path(roll.id!)).status == .ok)
            // the menu leads there
            #expect(list.body.string.contains("发放管理"))
        }
    }

    @Test func disciplineCannotWriteAnythingInPayments() async throws {
        try await withTestApp { app in
            // given a draft roll and a locked one
            try await PaymentFixtures.seed(app)
            let locked = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let draft = try await PaymentFixtures.generate("2022Q4", app)
            let discipline = TestClient(app: app)
            try await discipline.login("discipline")
            _ = try await discipline.get(RollRoutes.list.path())
            let auditBefore = try await AuditEntry.query(on: app.db).count()
            let rollsBefore = try await PaymentRoll.query(on: app.db).count()
            // when discipline tries every write, with a valid CSRF token
            let posts: [(String, [String: String])] = [
                (RollRoutes.create.path(), ["period": "2023Q1"]),
                (RollRoutes.regenerate(draft.id!), [:]),
                (RollRoutes.approve(draft.id!), [:]),
                (RollRoutes.discard.path(draft.id!), [:]),
                (PaymentCaseRoutes.scan.path(), [:]),
                (PaymentCaseRoutes.update(UUID()), ["status": "recovered", "note": "x"]),
                (
                    PolicyRoutes.add.path(),
                    [
                        "effective_from": "2030-01-01", "yearly_rate": "600", "periods_per_year": "4",
                        "existing_years": "20", "relocated_years": "20", "memo": "", "document": "",
                    ]
                ),
                (BankResultRoutes.mapped(locked.id!), [:]),
            ]
            for (path, fields) in posts {
                let answer = try await discipline.postForm(path, fields)
                #expect(answer.status == .forbidden, "\(path) answered \(answer.status)")
            }
            let upload = try await discipline.postMultipart(
                BankResultRoutes.upload(locked.id!), fileField: "file", fileName: "bank.csv",
                data: PaymentFixtures.bankCSV([]))
            #expect(upload.status == .forbidden)
            let provincial = try await discipline.postMultipart(
                ThreeWayRoutes.upload(locked.id!), fileField: "file", fileName: "list.csv",
                data: PaymentFixtures.bankCSV([]))
            #expect(provincial.status == .forbidden)
            // the one-card file is a write (it is archived and audited): not for discipline
            #expect(try await discipline.get(RollRoutes.exportXLSX(locked.id!)).status == .forbidden)
            #expect(try await discipline.get(RollRoutes.exportCSV(locked.id!)).status == .forbidden)
            #expect(try await discipline.get(BankResultRoutes.form(locked.id!)).status == .forbidden)
            let api = try await discipline.postJSON(PaymentsAPIRoutes.generate.path(), #"{"period":"2023Q1"}"#)
            #expect(api.status == .forbidden)
            let approve = try await discipline.postJSON(PaymentsAPIRoutes.approve.path(draft.id!), "{}")
            #expect(approve.status == .forbidden)
            // then nothing was written
            #expect(try await AuditEntry.query(on: app.db).count() == auditBefore)
            #expect(try await PaymentRoll.query(on: app.db).count() == rollsBefore)
            #expect(try await PaymentRoll.find(draft.id, on: app.db)?.statusValue == draft.statusValue)
        }
    }
}
