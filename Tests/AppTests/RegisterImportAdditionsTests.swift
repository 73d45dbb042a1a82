import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

/// The first load of a county's register (建库) is an administrator's and puts its people on the
/// register at once; any later import files an addition request (调增) for each person, which goes
/// through notice, township review and county approval like an addition entered by hand.
@Suite("Register import: first load and additions")
struct RegisterImportAdditionsTests {
    /// Two people new to the register: a new household in 界岭镇 and a child joining 张大山's.
    static var newcomersCSV: String {
        [
            Fixtures.header,
            "\(Fixtures.id(1980, 61)),陈新户,男,户主,\(Fixtures.id(1980, 61)),界岭镇,金银村,2,柘溪水库,现状,,邵东农商银行,6214830000000013,",
            "\(Fixtures.id(2005, 71)),张小军,男,子女,\(Fixtures.id(1960, 11)),界岭镇,大丰村,3,柘溪水库,现状,,,,",
        ].joined(separator: "\n") + "\n"
    }

    static func notice(_ start: CivilDate, days: Int = 7) -> [(String, String)] {
        [("notice_start", start.iso), ("notice_end", start.adding(days: days - 1).iso), ("evidence", "镇政府调增报告")]
    }

    @Test func theFirstLoadIsAnAdministratorsAndPutsItsPeopleOnTheRegister() async throws {
        try await withTestApp { app in
            // given an empty register
            try await Fixtures.seed(app)
            let county = TestClient(app: app)
            try await county.login("county")
            // when county staff try to build it
            let form = try await county.get("/import/people")
            #expect(form.body.string.contains("须由系统管理员导入"))
            #expect(!form.body.string.contains("id=\"import-form\""))
            let refused = try await county.postMultipart(
                "/import/people", fileField: "file", fileName: "名册.csv", data: Data(Fixtures.registerCSV.utf8))
            // then they are sent back to the form with the reason, and nothing is read or written
            #expect(refused.status == .seeOther)
            #expect(refused.headers.first(name: .location) == "/import/people")
            #expect(try await county.get("/import/people").body.string.contains("这次导入是建库，须由系统管理员导入"))
            #expect(try await Job.query(on: app.db).count() == 0)
            #expect(try await Person.query(on: app.db).count() == 0)
            // when the administrator does
            let admin = TestClient(app: app)
            try await admin.login("admin")
            #expect(try await admin.get("/import/people").body.string.contains("导入（建库）"))
            let page = try await admin.followJob(
                try await admin.postMultipart(
                    "/import/people", fileField: "file", fileName: "名册.csv", data: Data(Fixtures.registerCSV.utf8)))
            // then everyone is on the register, and no request was filed
            #expect(page.body.string.contains("新增 5 人"), "\(page.body.string)")
            #expect(!page.body.string.contains("调增申请"))
            let statuses = try await Person.query(on: app.db).all().map(\.personStatus)
            #expect(statuses == Array(repeating: .active, count: 5))
            #expect(try await ChangeRequest.query(on: app.db).count() == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "register.import").count() == 1)
        }
    }

    @Test func aLaterImportFilesAnAdditionRequestForEachPerson() async throws {
        try await withTestApp { app in
            // given a built register
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let county = TestClient(app: app)
            try await county.login("county")
            let form = try await county.get("/import/people")
            #expect(form.body.string.contains("移民库已有 5 人"))
            #expect(form.body.string.contains("name=\"notice_end\""))
            // when county staff import two newcomers with a week's notice
            let today = CivilDate.today()
            let page = try await county.followJob(
                try await county.postMultipart(
                    "/import/people", fields: Self.notice(today), fileField: "file", fileName: "调增.csv",
                    data: Data(Self.newcomersCSV.utf8)))
            // then both are written 待审批, each with a request of their own in notice
            #expect(page.body.string.contains("新增 2 人"), "\(page.body.string)")
            #expect(page.body.string.contains("已为每人提出调增申请（共 2 条），公示至\(today.adding(days: 6).chinese)"))
            let chen = try await Fixtures.person(Fixtures.id(1980, 61), on: app.db)
            let child = try await Fixtures.person(Fixtures.id(2005, 71), on: app.db)
            #expect(chen.personStatus == .pending)
            #expect(child.personStatus == .pending)
            let head = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            #expect(child.householdID == head.householdID)
            let requests = try await ChangeRequest.query(on: app.db).sort(\.$createdAt).all()
            #expect(requests.count == 2)
            let countyUser = try await PaymentFixtures.user("county", app)
            for request in requests {
                #expect(request.kindValue == .addition)
                #expect(request.statusValue == .noticePosted)
                #expect(request.submittedBy == countyUser.id)
                #expect(request.submittedOn == today.iso)
                #expect(request.noticeStart == today.iso)
                #expect(request.noticeEnd == today.adding(days: 6).iso)
                #expect(request.evidence == "镇政府调增报告")
                #expect(request.townshipCode == Fixtures.jieling)
            }
            #expect(Set(requests.map(\.personID)) == [chen.id!, child.id!])
            #expect(
                try await AuditEntry.query(on: app.db).filter(\.$action == "register.import.additions").count() == 1)
            // the changes list shows them in notice
            let list = try await county.get("/changes")
            #expect(list.body.string.contains("陈新户"))
            // when the notice has run: the township reviews, a leader approves
            let request = requests.first { $0.personID == chen.id }!
            let reviewed = try await ChangeService(
                db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user("jieling", app),
                today: today.adding(days: 7)
            ).act(.townshipApprove, on: request, opinion: "属实")
            _ = try await ChangeService(
                db: app.db, gate: app.writeGate, user: try await PaymentFixtures.user("leader", app),
                today: today.adding(days: 8)
            ).act(.countyApprove, on: reviewed, opinion: "同意")
            // then the person is on the register from the next period; the other still waits
            #expect(try await Fixtures.person(Fixtures.id(1980, 61), on: app.db).personStatus == .active)
            #expect(try await Fixtures.person(Fixtures.id(2005, 71), on: app.db).personStatus == .pending)
            #expect(try await PersonStatusEvent.query(on: app.db).filter(\.$personID == chen.id!).count() == 1)
        }
    }

    @Test func aLaterImportWithoutAProperNoticeIsSentBackToTheForm() async throws {
        try await withTestApp { app in
            // given a built register
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let county = TestClient(app: app)
            try await county.login("county")
            _ = try await county.get("/import/people")
            // when the notice is left out
            let missing = try await county.postMultipart(
                "/import/people", fields: [("notice_start", ""), ("notice_end", "")], fileField: "file",
                fileName: "调增.csv", data: Data(Self.newcomersCSV.utf8))
            // then the form says so beside the field
            #expect(missing.status == .seeOther)
            let again = try await county.get("/import/people")
            #expect(again.body.string.contains("请填写公示开始日期"))
            #expect(again.body.string.contains("field invalid"))
            // when it is three days long
            let short = try await county.postMultipart(
                "/import/people", fields: Self.notice(.today(), days: 3), fileField: "file", fileName: "调增.csv",
                data: Data(Self.newcomersCSV.utf8))
            #expect(short.status == .seeOther)
            let shortPage = try await county.get("/import/people")
            #expect(shortPage.body.string.contains("公示期"), "\(shortPage.body.string)")
            // what was typed is kept
            #expect(shortPage.body.string.contains("镇政府调增报告"))
            // and nothing was imported
            #expect(try await Person.query(on: app.db).count() == 5)
            #expect(try await ChangeRequest.query(on: app.db).count() == 0)
        }
    }

    @Test func theRegisterIsCheckedAgainWhenTheFileIsWritten() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            let county = try await PaymentFixtures.user("county", app)
            let notice = ChangeNotice(start: .today(), end: CivilDate.today().adding(days: 6), reason: nil)
            // when county staff's filing meets a register that is (still) empty
            let early = try await RegisterImporter(
                db: app.db, gate: app.writeGate, actor: "county",
                filing: .by(county, notice: notice, evidence: "")
            ).run(data: Data(Fixtures.registerCSV.utf8), fileName: "名册.csv")
            // then it is refused as a first load that is not theirs
            #expect(early.errors.map(\.code) == [.initialLoadAdminOnly])
            #expect(try await Person.query(on: app.db).count() == 0)
            // when the server loads the register, and then a file without a filer comes
            try await Fixtures.importRegister(app)
            let unfiled = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "cli").run(
                data: Data(Self.newcomersCSV.utf8), fileName: "调增.csv")
            // then it is refused: additions need their notice and filer
            #expect(unfiled.errors.map(\.code) == [.additionsNeedNotice])
            #expect(unfiled.errors.first?.message.contains("移民库已有 5 人") == true)
            #expect(try await Person.query(on: app.db).count() == 5)
            // and the county's filing goes through
            let filed = try await RegisterImporter(
                db: app.db, gate: app.writeGate, actor: "county",
                filing: .by(county, notice: notice, evidence: "")
            ).run(data: Data(Self.newcomersCSV.utf8), fileName: "调增.csv")
            #expect(filed.succeeded, "\(filed.errors)")
            #expect(filed.additionNotice == notice)
            #expect(
                try await ChangeRequest.query(on: app.db).filter(\.$kind == ChangeKind.addition.rawValue).count() == 2)
        }
    }
}
