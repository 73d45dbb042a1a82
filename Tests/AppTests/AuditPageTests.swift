import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Testing
import Vapor

@testable import App

@Suite("Audit page")
struct AuditPageTests {
    /// A register, and the death of 张小明 filed by the county clerk, reviewed by the township and
    /// approved by the leader.
    private func world(_ app: Application) async throws -> Person {
        try await Fixtures.seed(app)
        try await Fixtures.importRegister(app)
        let user = { (name: String) in try await User.query(on: app.db).filter(\.$username == name).first()! }
        let person = try await Fixtures.person(Fixtures.id(1985, 31), on: app.db)
        let start = CivilDate.today().adding(days: -20)
        let filed = try await ChangeService(
            db: app.db, gate: app.writeGate, user: try await user("county"), today: start
        )
        .submit(
            .init(
                kind: .reduction, reason: .death, evidence: "死亡证明", noticeStart: start,
                noticeEnd: start.adding(days: 6)),
            for: person)
        let reviewed = try await ChangeService(
            db: app.db, gate: app.writeGate, user: try await user("jieling"), today: start.adding(days: 8)
        ).act(.townshipApprove, on: filed, opinion: "属实")
        _ = try await ChangeService(
            db: app.db, gate: app.writeGate, user: try await user("leader"), today: start.adding(days: 9)
        ).act(.countyApprove, on: reviewed, opinion: "同意")
        return person
    }

    @Test func entriesSpeakChineseInBeijingTimeAndNameTheirObject() async throws {
        try await withTestApp { app in
            // given
            let person = try await world(app)
            let reader = TestClient(app: app)
            try await reader.login("discipline")
            // when
            let page = try await reader.get("/audit")
            // then
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("提交变动申请") && html.contains("县级审批通过") && html.contains("调减生效"))
            #expect(html.contains("调减申请：张小明 \(person.idNumber)"))
            #expect(html.contains("人员：张小明 \(person.idNumber)"))
            #expect(html.contains("/people/\(person.id!.uuidString)"), "the object links to the person")
            // The status field, before and after, in words.
            #expect(html.contains("<td class=\"before\">在册</td>"))
            #expect(html.contains("<td class=\"after\">已调减</td>"))
            // Beijing time: the newest entry was written a moment ago, eight hours ahead of UTC.
            let newest = try await AuditEntry.query(on: app.db).sort(\.$id, .descending).first()!
            let beijing = Figures.moment(AuditLog.date(newest.at)!)
            #expect(html.contains(beijing))
            #expect(!html.contains(String(newest.at.prefix(19)).replacingOccurrences(of: "T", with: " ")))
        }
    }

    @Test func filtersByPersonOperatorActionAndDate() async throws {
        try await withTestApp { app in
            let person = try await world(app)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            func seqs(_ query: String) async throws -> [String] {
                let html = try await admin.get("/audit?" + query).body.string
                return html.components(separatedBy: "<td class=\"num\">").dropFirst().map {
                    String($0.prefix { $0.isNumber })
                }
            }
            let all = try await AuditEntry.query(on: app.db).all()
            let byName = try await seqs("person=" + "张小明".queryEscaped)
            let byNumber = try await seqs("person=\(person.idNumber)")
            let changeID = try await ChangeRequest.query(on: app.db).first()!.id!.uuidString
            let expected = all.filter { $0.entityID == person.idNumber || $0.entityID == changeID }.map {
                String($0.id!)
            }
            #expect(byName.sorted() == expected.sorted())
            #expect(byNumber.sorted() == expected.sorted())
            #expect(expected.count == 4, "submitted, reviewed, approved, and the register's change")
            let byActor = try await seqs("actor=jieling")
            #expect(byActor.sorted() == all.filter { $0.actor == "jieling" }.map { String($0.id!) }.sorted())
            let byAction = try await seqs("action=change.countyApprove")
            #expect(byAction.count == 1)
            let tomorrow = CivilDate.today().adding(days: 1).iso
            #expect(try await seqs("from=\(tomorrow)").isEmpty)
            #expect(try await seqs("to=\(CivilDate.today().iso)").count == min(all.count, 50))
            #expect(try await admin.get("/audit?from=2022-13-01").status == .badRequest)
            #expect(try await admin.get("/audit?from=2022-09-02&to=2022-09-01").status == .badRequest)
            // A page past the end shows the last page.
            let last = try await admin.get("/audit?page=999").body.string
            #expect(last.contains("第 1 / 1 页"))
        }
    }

    @Test func theExportHoldsTheFilteredEntriesInWords() async throws {
        try await withTestApp { app in
            let person = try await world(app)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            let response = try await admin.get("/audit/audit.xlsx?person=\(person.idNumber)")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentDisposition)?.contains(".xlsx") == true)
            let header = ["序号", "时间（北京时间）", "操作人", "操作", "对象", "变更内容", "操作代码"]
            let table = try TableReader.read(
                Data(buffer: response.body), fileName: "audit.xlsx",
                columns: header.map { ColumnSpec(key: $0, names: [$0]) })
            #expect(table.rows.count == 4)
            #expect(table.rows.map { $0[3] }.contains("县级审批通过"))
            #expect(table.rows.contains { $0[5].contains("状态：在册 → 已调减") })
            #expect(table.rows.allSatisfy { $0[4].contains("张小明") })
            let county = TestClient(app: app)
            try await county.login("county")
            #expect(try await county.get("/audit/audit.xlsx").status == .forbidden)
            #expect(try await county.get("/audit").status == .forbidden)
        }
    }
}
