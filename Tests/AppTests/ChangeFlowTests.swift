import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

@Suite("Changes: notice, township review, county approval")
struct ChangeFlowTests {
    /// Forms filed now carry a notice from today: one starting earlier needs a recorded reason.
    static var today: CivilDate { .today() }
    /// The day of the death the form reports: ten days before filing.
    static var eventDay: String { today.adding(days: -10).iso }

    private func users(_ app: Application) async throws -> (township: User, leader: User, county: User, other: User) {
        func user(_ name: String) async throws -> User {
            try await User.query(on: app.db).filter(\.$username == name).first()!
        }
        return (
            try await user("jieling"), try await user("leader"), try await user("county"), try await user("huochang")
        )
    }

    @Test func reductionTakesEffectFromTheNextQuarterAfterApproval() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let (township, leader, county, _) = try await users(app)
            let person = try await Fixtures.person(Fixtures.id(1985, 31), on: app.db)
            let start = CivilDate(year: 2022, month: 9, day: 1)!
            // when: three different people submit, review and approve
            let submitted = try await ChangeService(db: app.db, gate: app.writeGate, user: county, today: start).submit(
                .init(
                    kind: .reduction, reason: .death, evidence: "死亡证明", noticeStart: start,
                    noticeEnd: start.adding(days: 6)),
                for: person)
            let early = ChangeService(db: app.db, gate: app.writeGate, user: township, today: start.adding(days: 3))
            await #expect(throws: ResettleError.self) {
                try await early.act(.townshipApprove, on: submitted, opinion: "")
            }
            let reviewed = try await ChangeService(
                db: app.db, gate: app.writeGate, user: township, today: CivilDate(year: 2022, month: 9, day: 20)!
            )
            .act(.townshipApprove, on: submitted, opinion: "属实")
            let approved = try await ChangeService(
                db: app.db, gate: app.writeGate, user: leader, today: CivilDate(year: 2022, month: 9, day: 30)!
            )
            .act(.countyApprove, on: reviewed, opinion: "同意")
            // then
            #expect(approved.statusValue == .approved)
            #expect(approved.effectivePeriod == "2022Q4")
            let after = try await Fixtures.person(Fixtures.id(1985, 31), on: app.db)
            #expect(after.personStatus == .reduced)
            #expect(after.statusEffective == "2022Q4")
            let events = try await PersonStatusEvent.query(on: app.db).filter(\.$personID == after.id!).all()
            #expect(events.map(\.effectiveFrom) == ["2022-10-01"])
            let steps = try await ChangeStep.query(on: app.db).filter(\.$changeRequestID == approved.id!).sort(
                \.$createdAt
            ).all()
            #expect(steps.map(\.action) == ["townshipApprove", "countyApprove"])
            #expect(steps.map(\.actorName) == ["jieling", "leader"])
            #expect(try await AuditVerifier.verify(on: app.db).firstBroken == nil)
        }
    }

    @Test func approvalOnTheLastDayOfTheYearTakesEffectInTheNextYear() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let (township, leader, county, _) = try await users(app)
            let person = try await Fixtures.person(Fixtures.id(1962, 22), on: app.db)
            let start = CivilDate(year: 2022, month: 12, day: 1)!
            var change = try await ChangeService(db: app.db, gate: app.writeGate, user: county, today: start).submit(
                .init(kind: .reduction, reason: .nonAgricultural, noticeStart: start, noticeEnd: start.adding(days: 7)),
                for: person)
            change = try await ChangeService(
                db: app.db, gate: app.writeGate, user: township, today: CivilDate(year: 2022, month: 12, day: 20)!
            )
            .act(.townshipApprove, on: change, opinion: "")
            change = try await ChangeService(
                db: app.db, gate: app.writeGate, user: leader, today: CivilDate(year: 2022, month: 12, day: 31)!
            )
            .act(.countyApprove, on: change, opinion: "")
            #expect(change.effectivePeriod == "2023Q1")
        }
    }

    @Test func rolesAreEnforcedAtEachStep() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let (township, leader, county, other) = try await users(app)
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            let day = CivilDate(year: 2023, month: 3, day: 1)!
            let later = day.adding(days: 30)
            let change = try await ChangeService(db: app.db, gate: app.writeGate, user: county, today: day).submit(
                .init(kind: .reduction, reason: .marriedOut, noticeStart: day, noticeEnd: day.adding(days: 6)),
                for: person)
            // then: the leader cannot do the township's review, another township cannot see it, the county cannot approve
            await #expect(throws: ResettleError.forbidden) {
                try await ChangeService(db: app.db, gate: app.writeGate, user: leader, today: later).act(
                    .townshipApprove, on: change, opinion: "")
            }
            await #expect(throws: ResettleError.notFound) {
                try await ChangeService(db: app.db, gate: app.writeGate, user: other, today: later).act(
                    .townshipApprove, on: change, opinion: "")
            }
            let reviewed = try await ChangeService(db: app.db, gate: app.writeGate, user: township, today: later).act(
                .townshipApprove, on: change, opinion: "")
            await #expect(throws: ResettleError.forbidden) {
                try await ChangeService(db: app.db, gate: app.writeGate, user: county, today: later).act(
                    .countyApprove, on: reviewed, opinion: "")
            }
            await #expect(throws: ResettleError.forbidden) {
                try await ChangeService(db: app.db, gate: app.writeGate, user: township, today: later).act(
                    .countyApprove, on: reviewed, opinion: "")
            }
        }
    }

    @Test func rejectionEndsTheRequestAndLeavesThePersonAsTheyWere() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let (township, _, county, _) = try await users(app)
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            let day = CivilDate(year: 2023, month: 3, day: 1)!
            let change = try await ChangeService(db: app.db, gate: app.writeGate, user: county, today: day).submit(
                .init(kind: .reduction, reason: .death, noticeStart: day, noticeEnd: day.adding(days: 6)), for: person)
            let service = ChangeService(db: app.db, gate: app.writeGate, user: township, today: day.adding(days: 10))
            await #expect(throws: ResettleError.self) {
                try await service.act(.townshipReject, on: change, opinion: " ")
            }
            let rejected = try await service.act(.townshipReject, on: change, opinion: "经核实本人健在")
            #expect(rejected.statusValue == .rejected)
            await #expect(throws: ResettleError.self) {
                try await service.act(.townshipApprove, on: rejected, opinion: "")
            }
            #expect(try await Fixtures.person(Fixtures.id(1960, 11), on: app.db).personStatus == .active)
        }
    }

    @Test func correctionChangesTheFieldAndKeepsTheOldValueOnRecord() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let (township, leader, county, _) = try await users(app)
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            let day = CivilDate(year: 2023, month: 5, day: 2)!
            var change = try await ChangeService(db: app.db, gate: app.writeGate, user: county, today: day).submit(
                .init(
                    kind: .correction, noticeStart: day, noticeEnd: day.adding(days: 6),
                    corrections: ["card_number": "6214 8300 0000 0013"]),
                for: person)
            change = try await ChangeService(
                db: app.db, gate: app.writeGate, user: township, today: day.adding(days: 8)
            ).act(.townshipApprove, on: change, opinion: "")
            change = try await ChangeService(db: app.db, gate: app.writeGate, user: leader, today: day.adding(days: 9))
                .act(.countyApprove, on: change, opinion: "")
            let after = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            #expect(after.cardNumber == "6214830000000013")
            #expect(change.changesJSON.contains("6214830000000005"))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "person.correction").first()
            #expect(audit?.beforeJSON.contains("6214830000000005") == true)
        }
    }

    @Test func additionByFormIsPendingUntilApproved() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let client = TestClient(app: app)
            try await client.login("jieling")
            _ = try await client.get("/changes/new-addition")
            let newID = Fixtures.id(2001, 77)
            // when
            let response = try await client.postForm(
                "/changes/new-addition",
                [
                    "id_number": newID, "name": "张新", "relation": "child", "head_id_number": Fixtures.id(1960, 11),
                    "township": Fixtures.jieling, "village": "大丰村", "group": "3", "reservoir": "柘溪水库",
                    "resettlement_type": "existing", "move_completed_on": "", "bank_name": "", "card_number": "",
                    "phone": "",
                    "evidence": "户口簿", "notice_start": Self.today.iso, "notice_end": Self.today.adding(days: 6).iso,
                ])
            // then
            #expect(response.status == .seeOther)
            let added = try await Fixtures.person(newID, on: app.db)
            #expect(added.personStatus == .pending)
            let change = try await ChangeRequest.query(on: app.db).filter(\.$personID == added.id!).first()
            #expect(change?.kindValue == .addition)
        }
    }

    @Test func reductionRequestThroughThePersonPage() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            let client = TestClient(app: app)
            try await client.login("jieling")
            let page = try await client.get("/people/\(person.id!)")
            #expect(page.body.string.contains("张大山"))
            #expect(page.body.string.contains("change-form"))
            let tooShort = try await client.postForm(
                "/people/\(person.id!)/changes",
                [
                    "kind": "reduction", "reason": "death", "event_date": Self.eventDay, "notice_start": Self.today.iso,
                    "notice_end": Self.today.adding(days: 2).iso,
                ])
            #expect(tooShort.status == .unprocessableEntity)
            #expect(tooShort.body.string.contains("不得少于7天"))
            let ok = try await client.postForm(
                "/people/\(person.id!)/changes",
                [
                    "kind": "reduction", "reason": "death", "event_date": Self.eventDay, "evidence": "死亡证明",
                    "notice_start": Self.today.iso,
                    "notice_end": Self.today.adding(days: 6).iso,
                ])
            #expect(ok.status == .seeOther)
            let second = try await client.postForm(
                "/people/\(person.id!)/changes",
                [
                    "kind": "correction", "correct_phone": "13900000000", "notice_start": Self.today.iso,
                    "notice_end": Self.today.adding(days: 6).iso,
                ])
            #expect(second.status == .conflict)
        }
    }
}
