import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

@Suite("The event date of a change and what it makes not due")
struct ChangeEventDateTests {
    /// Files a reduction of 刘火生 on 2022-09-01 for `reason` on `eventDate`, reviewed on
    /// 2022-09-20 and approved on 2022-09-30 (effective 2022Q4), after 2022Q2 and 2022Q3 were paid.
    private func reduceLate(_ app: Application, reason: ReductionReason, eventDate: CivilDate?) async throws {
        try await PaymentFixtures.seed(app)
        _ = try await PaymentFixtures.lockedRoll("2022Q2", app)
        _ = try await PaymentFixtures.lockedRoll("2022Q3", app)
        let liu = try await Fixtures.person(PaymentFixtures.p5, on: app.db)
        let filed = CivilDate(year: 2022, month: 9, day: 1)!
        let submitted = try await ChangeService(
            db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user("county", app), today: filed
        ).submit(
            .init(
                kind: .reduction, reason: reason, evidence: "证明", noticeStart: filed,
                noticeEnd: filed.adding(days: 6), eventDate: eventDate),
            for: liu)
        let reviewed = try await ChangeService(
            db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user("huochang", app),
            today: CivilDate(year: 2022, month: 9, day: 20)!
        ).act(.townshipApprove, on: submitted, opinion: "属实")
        let approved = try await ChangeService(
            db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user("leader", app),
            today: CivilDate(year: 2022, month: 9, day: 30)!
        ).act(.countyApprove, on: reviewed, opinion: "同意")
        #expect(approved.effectivePeriod == "2022Q4")
    }

    private func scan(_ app: Application) async throws -> [RecoveryCase] {
        try await RecoveryScanner(db: app.db, gate: app.writeGate, actor: "county").scan()
        return try await RecoveryCase.query(on: app.db).sort(\.$period).all()
    }

    @Test func aDeathRecordedWithItsDayRecoversEveryPeriodPaidAfterIt() async throws {
        try await withTestApp { app in
            // given: died 2022-03-10, in 2022Q1; 2022Q2 and 2022Q3 were paid
            try await reduceLate(app, reason: .death, eventDate: CivilDate(year: 2022, month: 3, day: 10)!)
            // when
            let cases = try await scan(app)
            // then
            #expect(cases.map(\.period) == ["2022Q2", "2022Q3"])
            #expect(cases.allSatisfy { $0.reason == IneligibilityReason.deceased.rawValue && $0.amountFen == 15_000 })
            // the request and the status event carry the day; the audit entry too
            let change = try #require(try await ChangeRequest.query(on: app.db).first())
            #expect(change.eventDate == "2022-03-10")
            let event = try #require(try await PersonStatusEvent.query(on: app.db).first())
            #expect(event.eventDate == "2022-03-10" && event.effectivePeriod == "2022Q4")
            let submitted = try await AuditEntry.query(on: app.db).filter(\.$action == "change.submit").first()
            #expect(submitted?.afterJSON.contains("\"eventDate\":\"2022-03-10\"") == true)
            // and the audit page names the field in words
            let admin = TestClient(app: app)
            try await admin.login("admin")
            let audit = try await admin.get("/audit?action=change.submit").body.string
            #expect(audit.contains("<td class=\"field\">事件日期</td>"))
        }
    }

    @Test func aConversionCountsFromThePeriodAfterItsDayAndTheQuarterItHappenedInIsDue() async throws {
        try await withTestApp { app in
            // 农转非 on 2022-05-20, in 2022Q2: 2022Q2 was due, 2022Q3 was not
            try await reduceLate(app, reason: .nonAgricultural, eventDate: CivilDate(year: 2022, month: 5, day: 20)!)
            let cases = try await scan(app)
            #expect(cases.map(\.period) == ["2022Q3"])
            #expect(cases.first?.reason == IneligibilityReason.reduced.rawValue)
        }
    }

    @Test func withoutADayOnlyThePeriodsAfterTheApprovalCount() async throws {
        try await withTestApp { app in
            try await reduceLate(app, reason: .duplicateOrWrong, eventDate: nil)
            #expect(try await scan(app).isEmpty)
        }
    }

    @Test func theFormAsksForTheDayOfADatedReasonAndRefusesAFutureOne() async throws {
        try await withTestApp { app in
            try await PaymentFixtures.seed(app)
            let liu = try await Fixtures.person(PaymentFixtures.p5, on: app.db)
            let county = TestClient(app: app)
            try await county.login("county")
            let page = "/people/\(liu.id!)"
            #expect(try await county.get(page).body.string.contains("name=\"event_date\""))
            let today = CivilDate.today()
            var form = [
                "kind": "reduction", "reason": "death", "evidence": "死亡证明", "notice_start": today.iso,
                "notice_end": today.adding(days: 6).iso,
            ]
            let missing = try await county.postForm("\(page)/changes", form)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("请填写死亡（含宣告死亡）的日期"))
            form["event_date"] = today.adding(days: 3).iso
            let future = try await county.postForm("\(page)/changes", form)
            #expect(future.body.string.contains("晚于今天"))
            form["reason"] = "duplicateOrWrong"
            form["event_date"] = today.adding(days: -3).iso
            let undated = try await county.postForm("\(page)/changes", form)
            #expect(undated.body.string.contains("没有事件日期，请留空"))
            form["reason"] = "death"
            let filed = try await county.postForm("\(page)/changes", form)
            #expect(filed.status == .seeOther)
            let change = try #require(try await ChangeRequest.query(on: app.db).first())
            #expect(change.eventDate == today.adding(days: -3).iso)
            #expect(try await county.get("/changes/\(change.id!)").body.string.contains("事件日期"))
            // The API asks for the day the same way, and gives it back with the stage.
            let wang = Fixtures.id(1970, 41)
            let body =
                #"{"person":"\#(wang)","kind":"reduction","reason":"marriedOut","notice_start":"\#(today.iso)","notice_end":"\#(today.adding(days: 6).iso)""#
            let undatedAPI = try await county.postJSON("/api/v1/changes", body + "}")
            #expect(undatedAPI.status == .unprocessableEntity)
            #expect(undatedAPI.body.string.contains("请填写嫁出至非移民户的日期"))
            let datedAPI = try await county.postJSON(
                "/api/v1/changes", body + #","event_date":"\#(today.adding(days: -40).iso)"}"#)
            #expect(datedAPI.status == .created)
            let dto = try JSONDecoder().decode(ChangeDTO.self, from: datedAPI.body)
            #expect(dto.event_date == today.adding(days: -40).iso)
            #expect(dto.stage == ChangeStage.noticing.rawValue)
        }
    }
}
