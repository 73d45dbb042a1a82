import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Change list: stages, columns, order and batch actions")
struct ChangeListTests {
    private static let today = CivilDate.today()

    private func user(_ name: String, _ app: Application) async throws -> User {
        try await User.query(on: app.db).filter(\.$username == name).first()!
    }

    /// Filed by the county: 张大山 and 李秀英 twenty days ago (their notices have run), 张小明
    /// today (his notice runs for a week more).
    private func world(_ app: Application) async throws -> (ended: [ChangeRequest], running: ChangeRequest) {
        try await Fixtures.seed(app)
        try await Fixtures.importRegister(app)
        let county = try await user("county", app)
        func file(_ id: String, on day: CivilDate) async throws -> ChangeRequest {
            let person = try await Fixtures.person(id, on: app.db)
            return try await ChangeService(db: app.db, gate: app.writeGate, user: county, today: day).submit(
                .init(
                    kind: .reduction, reason: .death, evidence: "死亡证明", noticeStart: day,
                    noticeEnd: day.adding(days: 6)),
                for: person)
        }
        let early = Self.today.adding(days: -20)
        let a = try await file(Fixtures.id(1960, 11), on: early)
        let b = try await file(Fixtures.id(1962, 22), on: early.adding(days: 1))
        let c = try await file(Fixtures.id(1985, 31), on: Self.today)
        return ([a, b], c)
    }

    /// The names in the list, top to bottom.
    private func names(_ html: String) -> [String] {
        html.components(separatedBy: "<td><a href=\"/changes/").dropFirst().map {
            let text = $0[$0.index(after: $0.firstIndex(of: ">")!)...]
            return String(text.prefix { $0 != "<" })
        }
    }

    @Test func aPostedRequestIsNoticingUntilItsLastDayThenAwaitsTheTownship() async throws {
        try await withTestApp { app in
            let (ended, running) = try await world(app)
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            let noticing = try await clerk.get("/changes?status=noticing").body.string
            let awaiting = try await clerk.get("/changes?status=awaitingTownship").body.string
            #expect(names(noticing) == ["张小明"])
            #expect(names(awaiting).sorted() == ["张大山", "李秀英"].sorted())
            #expect(noticing.contains("<td>公示中</td>"))
            #expect(awaiting.contains("<td>待乡镇审核</td>"))
            // The request's page says from which day the township may review it.
            let end = CivilDate(parsing: running.noticeEnd)!
            let page = try await clerk.get("/changes/\(running.id!)").body.string
            #expect(page.contains("公示中（公示至\(end.chinese)，\(end.adding(days: 1).chinese)起可由乡镇审核）"))
            let other = try await clerk.get("/changes/\(ended[0].id!)").body.string
            #expect(other.contains("待乡镇审核（公示已于"))
            // The API knows the stages too.
            let api = try await clerk.get("/api/v1/changes?status=noticing")
            #expect(api.status == .ok)
            #expect(api.body.string.contains("\"total\":1"))
        }
    }

    @Test func theListShowsNoticeEndAndEffectivePeriodAndSortsAndFiltersByDate() async throws {
        try await withTestApp { app in
            let (ended, _) = try await world(app)
            let county = TestClient(app: app)
            try await county.login("county")
            let html = try await county.get("/changes").body.string
            #expect(html.contains("公示截止") && html.contains("生效期"))
            #expect(html.contains("<td>\(ended[0].noticeEnd)</td>"))
            #expect(names(html) == ["张小明", "李秀英", "张大山"], "newest filed first")
            #expect(names(try await county.get("/changes?sort=noticeEnd").body.string) == ["张大山", "李秀英", "张小明"])
            #expect(html.contains("href=\"/changes?sort=submitted\""), "the sorted column's link reverses it")
            let day = Self.today.adding(days: -20).iso
            #expect(names(try await county.get("/changes?from=\(day)&to=\(day)").body.string) == ["张大山"])
            #expect(try await county.get("/changes?from=2022-02-30").status == .badRequest)
            #expect(try await county.get("/changes?sort=shoe").status == .badRequest)
        }
    }

    @Test func aSelectionIsActedOnRequestByRequestAndWhatCannotBeDoneIsNamed() async throws {
        try await withTestApp { app in
            let (ended, running) = try await world(app)
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            let list = try await clerk.get("/changes").body.string
            // Only the requests whose notice has run can be chosen.
            #expect(list.contains("value=\"\(ended[0].id!.uuidString)\""))
            #expect(!list.contains("value=\"\(running.id!.uuidString)\""))
            func batch(_ client: TestClient, _ action: ChangeAction, _ ids: [UUID]) async throws -> TestingHTTPResponse
            {
                var fields = ids.map { "change_id%5B%5D=\($0.uuidString)" }
                fields += ["action=\(action.rawValue)", "opinion=", "_csrf=\(client.csrf ?? "")"]
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                return try await client.send(
                    .POST, "/changes/batch", headers: headers, body: ByteBuffer(string: fields.joined(separator: "&")))
            }
            // when: the clerk chooses all three (the third by a crafted form)
            let answer = try await batch(clerk, .townshipApprove, ended.map { $0.id! } + [running.id!])
            // then
            #expect(answer.status == .seeOther)
            let flash = try await clerk.get("/changes").body.string
            #expect(flash.contains("已乡镇审核通过 2 件；1 件未办理（张小明：公示期至"))
            for c in ended {
                #expect(try await ChangeRequest.find(c.id, on: app.db)?.statusValue == .awaitingCounty)
            }
            #expect(try await ChangeRequest.find(running.id, on: app.db)?.statusValue == .noticePosted)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$action == "change.townshipApprove").all()
            #expect(Set(entries.map(\.entityID)) == Set(ended.map { $0.id!.uuidString }), "one entry a request")
            // The leader approves both; the township clerk may not.
            #expect(try await batch(clerk, .countyApprove, ended.map { $0.id! }).status == .seeOther)
            #expect(try await ChangeRequest.find(ended[0].id, on: app.db)?.statusValue == .awaitingCounty)
            let leader = TestClient(app: app)
            try await leader.login("leader")
            _ = try await leader.get("/changes")
            #expect(try await batch(leader, .countyApprove, ended.map { $0.id! }).status == .seeOther)
            for c in ended {
                #expect(try await ChangeRequest.find(c.id, on: app.db)?.statusValue == .approved)
            }
            // Nothing chosen, or an action that is not a review, is refused with a reason.
            _ = try await leader.get("/changes")
            let empty = try await batch(leader, .countyApprove, [])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("请先勾选要办理的申请"))
            #expect(try await batch(leader, .withdraw, [running.id!]).status == .unprocessableEntity)
            // A read-only user sees no selection at all.
            let finance = TestClient(app: app)
            try await finance.login("finance")
            #expect(!(try await finance.get("/changes").body.string.contains("batch-form")))
        }
    }
}
