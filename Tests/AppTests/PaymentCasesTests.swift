import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

@Suite("Payment re-issues, recoveries, township scoping and the person page")
struct PaymentCasesTests {
    @Test func aFailedPaymentIsReissuedByALaterRollOnceTheAccountIsCorrected() async throws {
        try await withTestApp { app in
            // given: 赵六's 2022Q3 payment failed
            try await PaymentFixtures.seed(app)
            let q3 = try await PaymentFixtures.lockedRoll("2022Q3", app)
            _ = try await PaymentFixtures.importResult(
                q3, PaymentFixtures.bankCSV(PaymentFixtures.rowsWithEveryKind), app)
            let open = try await ReissueCase.query(on: app.db).all()
            #expect(open.map(\.idNumber) == [PaymentFixtures.p6])
            #expect(open.first?.period == "2022Q3")
            #expect(open.first?.failure == "失败：账户已销户")
            // when: the next roll is generated before the account is fixed
            let before = try await PaymentFixtures.generate("2022Q4", app)
            // then: no re-issue yet
            #expect(try await PaymentFixtures.lines(before, app).filter { $0.kind == "reissue" }.isEmpty)
            // when: the card is corrected and the roll regenerated
            let zhao = try await Fixtures.person(PaymentFixtures.p6, on: app.db)
            zhao.cardNumber = "6214830000000096"
            try await zhao.update(on: app.db)
            let q4 = try await PaymentFixtures.generate("2022Q4", app)
            // then: a 补发 line for 2022Q3 to the new card, besides the regular 2022Q4 line
            let lines = try await PaymentFixtures.lines(q4, app).filter { $0.id_number == PaymentFixtures.p6 }
            #expect(lines.map(\.kind).sorted() == ["regular", "reissue"])
            let reissue = try #require(lines.first { $0.kind == "reissue" })
            #expect(reissue.for_period == "2022Q3")
            #expect(reissue.card_number == "6214830000000096")
            #expect(reissue.amount_fen == 15_000)
            #expect(q4.totalFen == 8 * 15_000)
            // when: the roll is approved, the case is closed
            _ = try await RollApproval(
                db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user("leader", app)
            ).approve(rollID: q4.id!)
            let closed = try await ReissueCase.query(on: app.db).first()!
            #expect(closed.statusValue == .reissued)
            #expect(closed.reissueRollID == q4.id)
            // and a later roll does not pay it again
            let q1 = try await PaymentFixtures.generate("2023Q1", app)
            #expect(try await PaymentFixtures.lines(q1, app).filter { $0.kind == "reissue" }.isEmpty)
        }
    }

    @Test func aPaymentForAPeriodAfterAReductionTookEffectBecomesARecoveryCase() async throws {
        try await withTestApp { app in
            // given: 2022Q3 paid; then a reduction of 刘火生 effective 2022Q3 is recorded (death reported late)
            try await PaymentFixtures.seed(app)
            let q3 = try await PaymentFixtures.lockedRoll("2022Q3", app)
            _ = try await PaymentFixtures.importResult(q3, PaymentFixtures.bankCSV(PaymentFixtures.exactRows), app)
            let liu = try await Fixtures.person(PaymentFixtures.p5, on: app.db)
            let event = PersonStatusEvent()
            event.personID = liu.id!
            event.townshipCode = liu.townshipCode
            event.status = PersonStatus.reduced.rawValue
            event.effectiveFrom = "2022-07-01"
            event.effectivePeriod = "2022Q3"
            event.note = "调减（死亡）"
            try await event.create(on: app.db)
            let client = TestClient(app: app)
            try await client.login("county")
            _ = try await client.get("/payments/recoveries")
            // when
            let scan = try await client.postForm("/payments/recoveries/scan", [:])
            // then
            #expect(scan.status == .seeOther)
            let cases = try await RecoveryCase.query(on: app.db).all()
            #expect(cases.count == 1)
            let c = try #require(cases.first)
            #expect(c.idNumber == PaymentFixtures.p5)
            #expect(c.period == "2022Q3")
            #expect(c.amountFen == 15_000)
            #expect(c.reason == IneligibilityReason.reduced.rawValue)
            #expect(c.statusValue == .open)
            // scanning again finds nothing new
            _ = try await client.postForm("/payments/recoveries/scan", [:])
            #expect(try await RecoveryCase.query(on: app.db).count() == 1)
            // when: the money comes back
            let done = try await client.postForm(
                "/payments/recoveries/\(c.id!)", ["status": "recovered", "note": "家属已退回150元"])
            #expect(done.status == .seeOther)
            let recovered = try await RecoveryCase.find(c.id!, on: app.db)!
            #expect(recovered.statusValue == .recovered)
            #expect(recovered.notes.contains("家属已退回150元"))
            // a closed case cannot be reopened, and everything is in the audit trail
            #expect(
                try await client.postForm("/payments/recoveries/\(c.id!)", ["status": "open", "note": "x"]).status
                    == .conflict)
            let actions = try await AuditEntry.query(on: app.db).filter(\.$entity == "recovery_case").all().map(
                \.action)
            #expect(actions == ["recovery.open", "recovery.update"])
            // the person page shows the payment and the recovery
            let page = try await client.get("/people/\(liu.id!)")
            #expect(page.body.string.contains("id=\"person-payments\""))
            #expect(page.body.string.contains("id=\"person-recoveries\""))
            #expect(page.body.string.contains("已追回"))
        }
    }

    @Test func thePersonPageShowsPaymentsAndFailures() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let q3 = try await PaymentFixtures.lockedRoll("2022Q3", app)
            _ = try await PaymentFixtures.importResult(
                q3, PaymentFixtures.bankCSV(PaymentFixtures.rowsWithEveryKind), app)
            let zhao = try await Fixtures.person(PaymentFixtures.p6, on: app.db)
            let client = TestClient(app: app)
            try await client.login("county")
            // when
            let html = try await client.get("/people/\(zhao.id!)").body.string
            // then
            #expect(html.contains("2022Q3"))
            #expect(html.contains("失败（退票）：账户已销户"))
            #expect(html.contains("id=\"person-reissues\""))
            #expect(html.contains("待补发"))
        }
    }

    @Test func aTownshipSeesOnlyItsOwnPartOfEveryPaymentPage() async throws {
        try await withTestApp { app in
            // given
            try await PaymentFixtures.seed(app)
            let roll = try await PaymentFixtures.lockedRoll("2022Q3", app)
            _ = try await PaymentFixtures.importResult(
                roll, PaymentFixtures.bankCSV(PaymentFixtures.rowsWithEveryKind), app)
            let result = try await BankResult.query(on: app.db).first()!
            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            // when / then: the roll shows 界岭镇's lines only
            let page = try await jieling.get("/payments/rolls/\(roll.id!)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("张大山"))
            #expect(!page.body.string.contains("刘火生"))
            let print = try await jieling.get("/payments/rolls/\(roll.id!)/print")
            #expect(print.body.string.contains("大丰村"))
            #expect(!print.body.string.contains("新华村"))
            #expect(try await jieling.get("/payments/rolls/\(roll.id!)/print?village=430582102201").status == .notFound)
            let api = try JSONDecoder().decode(
                RollDetailDTO.self, from: try await jieling.get("/api/v1/rolls/\(roll.id!)").body)
            #expect(api.totals.allSatisfy { $0.township_code == Fixtures.jieling })
            #expect(api.totals.reduce(0) { $0 + $1.people } == 4)
            // bank results are county-wide files: not for a township
            #expect(try await jieling.get("/payments/results/\(result.id!)").status == .forbidden)
            #expect(try await jieling.get("/api/v1/results/\(result.id!)/reconciliation").status == .forbidden)
            #expect(try await jieling.get("/payments/rolls/\(roll.id!)/onecard.xlsx").status == .forbidden)
            // re-issues of another township are not listed
            let reissues = try await jieling.get("/payments/reissues")
            #expect(reissues.status == .ok)
            #expect(!reissues.body.string.contains(PaymentFixtures.p6))
            let huochang = TestClient(app: app)
            try await huochang.login("huochang")
            #expect(try await huochang.get("/payments/reissues").body.string.contains(PaymentFixtures.p6))
            // read-only roles: discipline reads the payment pages (DisciplineAccessTests), finance reads and exports but does not generate
            let discipline = TestClient(app: app)
            try await discipline.login("discipline")
            #expect(try await discipline.get("/payments").status == .ok)
            let finance = TestClient(app: app)
            try await finance.login("finance")
            #expect(try await finance.get("/payments").body.string.contains("发放管理"))
            #expect(try await finance.get("/payments/rolls/\(roll.id!)/onecard.xlsx").status == .ok)
            #expect(try await finance.postForm("/payments/rolls", ["period": "2022Q4"]).status == .forbidden)
        }
    }
}
