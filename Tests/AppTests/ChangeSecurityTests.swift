import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

/// Lookups inside writes are scoped like reads, and every change passes three different people.
@Suite("Changes: scoped lookups and separation of duties")
struct ChangeSecurityTests {
    static var today: CivilDate { .today() }
    /// The day of the death the form reports: ten days before filing.
    static var eventDay: String { today.adding(days: -10).iso }
    /// 刘火生, head of the one household of 火厂坪镇 in the fixtures.
    static let foreignHead = Fixtures.id(1975, 51)

    private func user(_ name: String, _ app: Application) async throws -> User {
        try await User.query(on: app.db).filter(\.$username == name).first()!
    }

    /// The fixtures' county with `username` signed in and the page at `path` open, for its CSRF token.
    private func signedIn(_ username: String, at path: String, _ app: Application) async throws -> TestClient {
        try await Fixtures.seed(app)
        try await Fixtures.importRegister(app)
        let client = TestClient(app: app)
        try await client.login(username)
        _ = try await client.get(path)
        return client
    }

    /// Nothing of 火厂坪镇's household may show in an answer to a 界岭镇 clerk.
    private func expectNothingOfTheForeignHousehold(in body: String) {
        for secret in ["刘火生", "火厂坪镇", "新华村"] { #expect(!body.contains(secret), "the answer shows \(secret)") }
    }

    /// The fixtures' county with a death reduction of 张大山 filed by `submitter` on 1 September
    /// 2022, its notice running to the 7th.
    private func reductionFiled(by submitter: String, _ app: Application) async throws -> ChangeRequest {
        try await Fixtures.seed(app)
        try await Fixtures.importRegister(app)
        let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
        let day = Self.filed
        return try await ChangeService(
            db: app.db, gate: app.writeGate, user: try await user(submitter, app), today: day
        ).submit(
            .init(kind: .reduction, reason: .death, noticeStart: day, noticeEnd: day.adding(days: 6)), for: person)
    }

    static let filed = CivilDate(year: 2022, month: 9, day: 1)!

    private func additionForm(id: String, head: String, township: String, village: String) -> [String: String] {
        [
            "id_number": id, "name": "赵新生", "relation": "child", "head_id_number": head, "township": township,
            "village": village, "group": "", "reservoir": "柘溪水库", "resettlement_type": "existing",
            "move_completed_on": "", "bank_name": "", "card_number": "", "phone": "", "evidence": "户口簿",
            "notice_start": Self.today.iso, "notice_end": Self.today.adding(days: 6).iso,
        ]
    }

    // MARK: - lookups inside writes

    @Test func townshipClerkCannotJoinAnAdditionToAnotherTownshipsHousehold() async throws {
        try await withTestApp { app in
            // given a clerk of 界岭镇 and a household of 火厂坪镇
            let client = try await signedIn("jieling", at: "/changes/new-addition", app)
            let peopleBefore = try await Person.query(on: app.db).count()
            let newID = Fixtures.id(2003, 61)
            // when they file an addition naming that household's head
            let response = try await client.postForm(
                "/changes/new-addition",
                additionForm(id: newID, head: Self.foreignHead, township: Fixtures.jieling, village: "大丰村"))
            // then it is refused without saying where or whose the head ID is
            #expect(response.status == .unprocessableEntity)
            let body = response.body.string
            #expect(body.contains("户主身份证号不在本乡镇名册中，请核对"))
            expectNothingOfTheForeignHousehold(in: body)
            // and nothing was written
            #expect(try await Person.query(on: app.db).count() == peopleBefore)
            #expect(try await Person.query(on: app.db).filter(\.$idNumber == newID).count() == 0)
            #expect(try await ChangeRequest.query(on: app.db).count() == 0)
        }
    }

    @Test func townshipClerkIsToldTheSameForAHeadThatExistsNowhere() async throws {
        try await withTestApp { app in
            let client = try await signedIn("jieling", at: "/changes/new-addition", app)
            // when the head ID is registered nowhere
            let response = try await client.postForm(
                "/changes/new-addition",
                additionForm(
                    id: Fixtures.id(2003, 61), head: Fixtures.id(1950, 99), township: Fixtures.jieling, village: "大丰村"))
            // then the answer is word for word the one for another township's head, so it tells nothing
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("户主身份证号不在本乡镇名册中，请核对"))
        }
    }

    @Test func anIDRegisteredElsewhereIsRefusedWithoutNamingWhereOrWhose() async throws {
        try await withTestApp { app in
            let client = try await signedIn("jieling", at: "/changes/new-addition", app)
            // when the clerk adds, as a head of 界岭镇, the ID of 火厂坪镇's head
            var form = additionForm(
                id: Self.foreignHead, head: Self.foreignHead, township: Fixtures.jieling, village: "大丰村")
            form["relation"] = "head"
            let response = try await client.postForm("/changes/new-addition", form)
            // then refused as a duplicate, naming only the ID typed
            #expect(response.status == .conflict)
            let body = response.body.string
            #expect(body.contains("已在移民库中登记"))
            expectNothingOfTheForeignHousehold(in: body)
            #expect(try await ChangeRequest.query(on: app.db).count() == 0)
        }
    }

    @Test func countyStaffMayStillJoinAnAdditionToAnyHousehold() async throws {
        try await withTestApp { app in
            // given county staff, who see every township
            let client = try await signedIn("county", at: "/changes/new-addition", app)
            let newID = Fixtures.id(2003, 61)
            // when they file the same addition into 火厂坪镇's household
            let response = try await client.postForm(
                "/changes/new-addition",
                additionForm(id: newID, head: Self.foreignHead, township: Fixtures.huochang, village: "新华村"))
            // then it is accepted and the person joins that household, pending
            #expect(response.status == .seeOther)
            let added = try await Fixtures.person(newID, on: app.db)
            let head = try await Fixtures.person(Self.foreignHead, on: app.db)
            #expect(added.householdID == head.householdID)
            #expect(added.personStatus == .pending)
            #expect(try await ChangeRequest.query(on: app.db).filter(\.$personID == added.id!).count() == 1)
        }
    }

    @Test func townshipClerkCannotFileAChangeForAnotherTownshipsPersonThroughTheAPI() async throws {
        try await withTestApp { app in
            let client = try await signedIn("jieling", at: "/", app)
            // when the clerk names another township's person by resident ID, for every kind
            for kind in ["reduction", "correction", "restoration", "addition"] {
                let body =
                    #"{"person":"\#(Self.foreignHead)","kind":"\#(kind)","reason":"death","notice_start":"\#(Self.today.iso)","notice_end":"\#(Self.today.adding(days: 6).iso)","corrections":{"phone":"13900000000"}}"#
                let response = try await client.postJSON("/api/v1/changes", body)
                // then the answer is "not found", with nothing of the person in it
                #expect(response.status == .notFound, "\(kind)")
                #expect(!response.body.string.contains("刘火生"))
            }
            #expect(try await ChangeRequest.query(on: app.db).count() == 0)
        }
    }

    // MARK: - three different people

    @Test func adminAloneCannotTakeTwoStepsOfOneChange() async throws {
        try await withTestApp { app in
            // given a reduction the administrator submitted
            let submitted = try await reductionFiled(by: "admin", app)
            let admin = try await user("admin", app)
            let afterNotice = Self.filed.adding(days: 10)
            let asAdmin = ChangeService(db: app.db, gate: app.writeGate, user: admin, today: afterNotice)
            // when the administrator reviews it / then refused
            await #expect(throws: ResettleError.conflict("提交人不能审核自己提交的申请")) {
                try await asAdmin.act(.townshipApprove, on: submitted, opinion: "")
            }
            // and once the township reviewed it, the administrator cannot approve it either
            let reviewed = try await ChangeService(
                db: app.db, gate: app.writeGate, user: try await user("jieling", app), today: afterNotice
            )
            .act(.townshipApprove, on: submitted, opinion: "属实")
            await #expect(throws: ResettleError.conflict("提交人不能审批自己提交的申请")) {
                try await asAdmin.act(.countyApprove, on: reviewed, opinion: "")
            }
            await #expect(throws: ResettleError.conflict("提交人不能审批自己提交的申请")) {
                try await asAdmin.act(.countyReject, on: reviewed, opinion: "不同意")
            }
            // then only a third person completes it
            let approved = try await ChangeService(
                db: app.db, gate: app.writeGate, user: try await user("leader", app), today: afterNotice
            )
            .act(.countyApprove, on: reviewed, opinion: "同意")
            #expect(approved.statusValue == .approved)
            let steps = try await ChangeStep.query(on: app.db).filter(\.$changeRequestID == approved.id!).sort(
                \.$createdAt
            ).all()
            #expect(steps.map(\.actorName) == ["jieling", "leader"])
        }
    }

    @Test func theTownshipReviewerCannotAlsoApprove() async throws {
        try await withTestApp { app in
            // given a request county staff filed and the administrator reviewed
            let change = try await reductionFiled(by: "county", app)
            let asAdmin = ChangeService(
                db: app.db, gate: app.writeGate, user: try await user("admin", app), today: Self.filed.adding(days: 8))
            let reviewed = try await asAdmin.act(.townshipApprove, on: change, opinion: "")
            // when the administrator approves what they reviewed / then refused, and nothing moved
            await #expect(throws: ResettleError.conflict("乡镇审核人不能再审批同一申请，须由另一人审批")) {
                try await asAdmin.act(.countyApprove, on: reviewed, opinion: "")
            }
            #expect(try await ChangeRequest.find(change.id!, on: app.db)?.statusValue == .awaitingCounty)
            #expect(try await Fixtures.person(Fixtures.id(1960, 11), on: app.db).personStatus == .active)
        }
    }

    @Test func aClerkCannotReviewTheirOwnSubmissionOnThePage() async throws {
        try await withTestApp { app in
            // given a reduction the 界岭镇 clerk filed on the person page
            let client = try await signedIn("jieling", at: "/", app)
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            _ = try await client.get("/people/\(person.id!)")
            let filed = try await client.postForm(
                "/people/\(person.id!)/changes",
                [
                    "kind": "reduction", "reason": "death", "event_date": Self.eventDay, "evidence": "死亡证明",
                    "notice_start": Self.today.iso,
                    "notice_end": Self.today.adding(days: 6).iso,
                ])
            #expect(filed.status == .seeOther)
            let change = try await ChangeRequest.query(on: app.db).filter(\.$personID == person.id!).first()!
            // when they open it, review is not offered, and why is said
            let page = try await client.get("/changes/\(change.id!)")
            #expect(page.body.string.contains("提交人不能审核自己提交的申请"))
            #expect(!page.body.string.contains("value=\"townshipApprove\""))
            // and posting the review anyway is refused with the same sentence
            let review = try await client.postForm(
                "/changes/\(change.id!)/actions", ["action": "townshipApprove", "opinion": ""])
            #expect(review.status == .conflict)
            #expect(review.body.string.contains("提交人不能审核自己提交的申请"))
            #expect(try await ChangeStep.query(on: app.db).count() == 0)
        }
    }

    // MARK: - notice before the request

    @Test func aBackdatedNoticeNeedsAReasonWhichIsKeptAndShown() async throws {
        try await withTestApp { app in
            // given a notice that ran wholly in the past
            let client = try await signedIn("county", at: "/", app)
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            _ = try await client.get("/people/\(person.id!)")
            let start = Self.today.adding(days: -20)
            var form = [
                "kind": "reduction", "reason": "death", "event_date": Self.eventDay, "evidence": "死亡证明",
                "notice_start": start.iso,
                "notice_end": start.adding(days: 9).iso,
            ]
            // when filed without a reason / then refused, and nothing is written
            let refused = try await client.postForm("/people/\(person.id!)/changes", form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("早于申请日期"))
            #expect(try await ChangeRequest.query(on: app.db).count() == 0)
            // when filed with one / then accepted, and the reason is on the change page and in the API
            form["notice_reason"] = "村委会已于当日张榜公示，系统补录"
            let accepted = try await client.postForm("/people/\(person.id!)/changes", form)
            #expect(accepted.status == .seeOther)
            let change = try await ChangeRequest.query(on: app.db).first()!
            #expect(change.noticeReason == "村委会已于当日张榜公示，系统补录")
            let page = try await client.get("/changes/\(change.id!)")
            #expect(page.body.string.contains("公示早于申请的原因"))
            #expect(page.body.string.contains("村委会已于当日张榜公示，系统补录"))
            let dto = try JSONDecoder().decode(
                ChangeDTO.self, from: try await client.get("/api/v1/changes/\(change.id!)").body)
            #expect(dto.notice_reason == "村委会已于当日张榜公示，系统补录")
        }
    }

    @Test func aBackdatedNoticeThroughTheAPIOrAnAdditionIsRefusedWithoutAReason() async throws {
        try await withTestApp { app in
            let client = try await signedIn("jieling", at: "/changes/new-addition", app)
            let peopleBefore = try await Person.query(on: app.db).count()
            let start = Self.today.adding(days: -30)
            // when an addition carries a past notice without a reason
            var form = additionForm(
                id: Fixtures.id(2003, 61), head: Fixtures.id(1960, 11), township: Fixtures.jieling, village: "大丰村")
            form["notice_start"] = start.iso
            form["notice_end"] = start.adding(days: 6).iso
            let addition = try await client.postForm("/changes/new-addition", form)
            // then it is refused before the person is written
            #expect(addition.status == .unprocessableEntity)
            #expect(addition.body.string.contains("早于申请日期"))
            #expect(try await Person.query(on: app.db).count() == peopleBefore)
            // and the same through the API, which accepts it with a reason
            let base =
                #""person":"\#(Fixtures.id(1970, 41))","kind":"reduction","reason":"death","event_date":"\#(start.adding(days: -5).iso)","notice_start":"\#(start.iso)","notice_end":"\#(start.adding(days: 6).iso)""#
            let refused = try await client.postJSON("/api/v1/changes", "{\(base)}")
            #expect(refused.status == .unprocessableEntity)
            let created = try await client.postJSON("/api/v1/changes", #"{\#(base),"notice_reason":"补录"}"#)
            #expect(created.status == .created)
            #expect(try JSONDecoder().decode(ChangeDTO.self, from: created.body).notice_reason == "补录")
        }
    }

    @Test func theEarliestReviewIsTheFilingDayPlusTheNoticeDays() async throws {
        try await withTestApp { app in
            // given a request filed on 1 September with the shortest notice starting that day
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            let filed = CivilDate(year: 2022, month: 9, day: 1)!
            let minimum = try await OfficeSetting.noticeMinimumDays.int(on: app.db)
            let county = try await user("county", app)
            let change = try await ChangeService(db: app.db, gate: app.writeGate, user: county, today: filed).submit(
                .init(kind: .reduction, reason: .death, noticeStart: filed, noticeEnd: filed.adding(days: minimum - 1)),
                for: person)
            // when the township reviews a day early / then refused; on the day it passes
            let township = try await user("jieling", app)
            await #expect(throws: ResettleError.self) {
                try await ChangeService(
                    db: app.db, gate: app.writeGate, user: township, today: filed.adding(days: minimum - 1)
                )
                .act(.townshipApprove, on: change, opinion: "")
            }
            let reviewed = try await ChangeService(
                db: app.db, gate: app.writeGate, user: township, today: filed.adding(days: minimum)
            )
            .act(.townshipApprove, on: change, opinion: "")
            #expect(reviewed.statusValue == .awaitingCounty)
        }
    }
}
