import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Testing
import Vapor

@testable import App

/// Training: plans, classes with their quota, trainees from the register, attendance and
/// completion, students' subsidies through notice, review and approval, and the statistics.
@Suite("Training (移民培训)")
struct TrainingTests {
    static let start = CivilDate(year: 2022, month: 5, day: 16)!

    static func type(_ name: String, _ app: Application) async throws -> TrainingType {
        try #require(try await TrainingType.query(on: app.db).filter(\.$name == name).first())
    }

    static func service(_ app: Application, _ user: String, today: CivilDate = start) async throws -> TrainingService {
        TrainingService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user(user, app), today: today)
    }

    static func refusal(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as ResettleError { return error.reason } catch { return "\(error)" }
    }

    @Test("A class fills to its quota with register people of working age; each refusal leaves nothing written")
    func quotaAndEligibility() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let county = try await Self.service(app, "county")
            let housekeeping = try await Self.type("短期就业技能培训（家政服务）", app)
            let c = try await county.openClass(
                .init(
                    year: 2022, typeID: housekeeping.requireID(), name: "家政服务培训班", provider: "职业中专", venue: "界岭镇",
                    startsOn: Self.start, endsOn: Self.start.adding(days: 4), quota: 2, sessions: 2))
            #expect(c.costPerPersonFen == 300_000)
            let id = try c.requireID()
            // not in the register
            #expect(
                await Self.refusal { _ = try await county.enrol(idNumber: Fixtures.id(1980, 901), classID: id) }?
                    .contains("移民库中没有") == true)
            // a wrong ID names the reason
            #expect(
                await Self.refusal { _ = try await county.enrol(idNumber: "430521198003150000", classID: id) }?
                    .contains("身份证号") == true)
            // 张大山, born 1960, is 62 on the class's first day: outside 16 to 60
            #expect(
                await Self.refusal { _ = try await county.enrol(idNumber: Fixtures.id(1960, 11), classID: id) }?
                    .contains("不在培训年龄范围（16至60岁）") == true)
            // a township clerk cannot enrol another township's person, and is not told where
            let clerk = try await Self.service(app, "jieling")
            let elsewhere = await Self.refusal {
                _ = try await clerk.enrol(idNumber: Fixtures.id(1975, 51), classID: id)
            }
            #expect(elsewhere?.contains("移民库中没有") == true)
            #expect(elsewhere?.contains("火厂坪") == false)
            #expect(try await TrainingEnrolment.query(on: app.db).count() == 0)
            // a pasted list with one bad line enrols nobody, and names the line
            do {
                _ = try await clerk.enrol(idNumbers: [Fixtures.id(1985, 31), Fixtures.id(1960, 11)], classID: id)
                Issue.record("a list with a person outside the age range was enrolled")
            } catch let error as ResettleError {
                #expect(error.reason.hasPrefix("第2行："), "\(error.reason)")
            }
            #expect(try await TrainingEnrolment.query(on: app.db).count() == 0)
            // two places: 张小明 (1985) and 王金银 (1970); a duplicate and a third are refused
            let first = try await clerk.enrol(idNumber: Fixtures.id(1985, 31), classID: id)
            #expect(
                await Self.refusal { _ = try await clerk.enrol(idNumber: Fixtures.id(1985, 31), classID: id) }?
                    .contains("已报名本班") == true)
            _ = try await clerk.enrol(idNumber: Fixtures.id(1970, 41), classID: id)
            #expect(
                await Self.refusal { _ = try await county.enrol(idNumber: Fixtures.id(1975, 51), classID: id) }?
                    .contains("名额已满") == true)
            #expect(try await TrainingEnrolment.query(on: app.db).count() == 2)
            // completion needs attendance; attendance counts each session once
            let done = try await Self.service(app, "jieling", today: Self.start.adding(days: 5))
            #expect(
                await Self.refusal {
                    _ = try await done.complete(
                        .init(day: Self.start.adding(days: 4), certificate: "JZ-1", employer: "", incomeBand: ""),
                        enrolmentID: first.requireID())
                }?.contains("没有出勤记录") == true)
            #expect(try await done.attendance(session: 1, present: [first.requireID()], classID: id) == 1)
            #expect(try await done.attendance(session: 1, present: [first.requireID()], classID: id) == 0)
            #expect(
                await Self.refusal { _ = try await done.attendance(session: 3, present: [], classID: id) }?
                    .contains("共2次课") == true)
            let completed = try await done.complete(
                .init(day: Self.start.adding(days: 4), certificate: "JZ-1", employer: "家政公司", incomeBand: "3000-5000元"),
                enrolmentID: first.requireID())
            #expect(completed.attended == 1 && completed.certificate == "JZ-1")
            // the statistics: two people, two person-times, 6000元; one completed, one employed
            let stats = try await TrainingStatistics.load(year: 2022, townshipCode: nil, on: app.db)
            let row = try #require(stats.rows.first { $0.type.name == housekeeping.name })
            #expect(row.people == 2 && row.personTimes == 2 && row.fundsFen == 600_000)
            #expect(row.completed == 1 && row.employed == 1)
            // the person's page shows the class
            let page = TestClient(app: app)
            try await page.login("jieling")
            let person = try await Fixtures.person(Fixtures.id(1985, 31), on: app.db)
            #expect(try await page.get(RegisterRoutes.person.path(person.id!)).body.string.contains("家政服务培训班"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "training.enrol").count() == 2)
        }
    }

    @Test("A student's subsidy goes through notice, township review and county approval by three people")
    func educationSubsidy() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let filed = CivilDate(year: 2022, month: 9, day: 1)!
            func service(_ user: String, _ day: CivilDate) async throws -> EducationSubsidyService {
                EducationSubsidyService(
                    db: app.db, gate: app.writeGate, user: try await FundsWorld.user(user, app), today: day)
            }
            let clerk = try await service("jieling", filed)
            // a notice shorter than the register's seven days
            #expect(
                await Self.refusal {
                    _ = try await clerk.submit(
                        .init(
                            year: 2022, idNumber: Fixtures.id(1985, 31), school: "职业中专", studyYear: 1,
                            noticeStart: filed, noticeEnd: filed.adding(days: 3)))
                } != nil)
            let s = try await clerk.submit(
                .init(
                    year: 2022, idNumber: Fixtures.id(1985, 31), school: "职业中专", studyYear: 1, noticeStart: filed,
                    noticeEnd: filed.adding(days: 6)))
            #expect(s.amountFen == 400_000)
            #expect(
                await Self.refusal {
                    _ = try await clerk.submit(
                        .init(
                            year: 2022, idNumber: Fixtures.id(1985, 31), school: "职业中专", studyYear: 1,
                            noticeStart: filed, noticeEnd: filed.adding(days: 6)))
                }?.contains("已申请") == true)
            // review before the notice has run; the submitter reviewing their own
            let admin = try await service("admin", filed.adding(days: 3))
            #expect(
                await Self.refusal { _ = try await admin.act(.townshipApprove, opinion: "", subsidyID: s.requireID()) }
                    != nil)
            let ownReview = try await service("jieling", filed.adding(days: 8))
            #expect(
                await Self.refusal {
                    _ = try await ownReview.act(.townshipApprove, opinion: "", subsidyID: s.requireID())
                } != nil)
            _ = try await service("admin", filed.adding(days: 8)).act(
                .townshipApprove, opinion: "属实", subsidyID: s.requireID())
            // the reviewer cannot approve; a leader does
            #expect(
                await Self.refusal {
                    _ = try await service("admin", filed.adding(days: 9)).act(
                        .countyApprove, opinion: "", subsidyID: s.requireID())
                } != nil)
            let approved = try await service("leader", filed.adding(days: 10)).act(
                .countyApprove, opinion: "同意", subsidyID: s.requireID())
            #expect(approved.status == ChangeStatus.approved.rawValue)
            let stats = try await TrainingStatistics.load(year: 2022, townshipCode: nil, on: app.db)
            let row = try #require(stats.rows.first { $0.type.longTerm })
            #expect(row.people == 1 && row.fundsFen == 400_000 && row.personTimes == 0)
            #expect(stats.shortCoursePersonTimes == 0)
        }
    }

    @Test("The pages and the ledger: county opens a class, the township enrols through the form, the XLSX lists it")
    func pagesAndLedger() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let county = TestClient(app: app)
            try await county.login("county")
            let agriculture = try await Self.type("农业实用技术培训", app)
            let year = String(CivilDate.today().year)
            let today = CivilDate.today()
            _ = try await county.postForm(
                TrainingRoutes.openClass.path(),
                [
                    "year": year, "type": agriculture.id!.uuidString, "name": "柑橘种植班", "provider": "农技中心",
                    "venue": "界岭镇", "starts_on": today.iso, "ends_on": today.iso, "quota": "30", "sessions": "1",
                ])
            let c = try #require(try await TrainingClass.query(on: app.db).first())
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            _ = try await clerk.postForm(TrainingRoutes.enrol.path(c.id!), ["id_number": Fixtures.id(1985, 31)])
            #expect(try await TrainingEnrolment.query(on: app.db).count() == 1)
            // the clerk cannot open classes
            #expect(try await clerk.postForm(TrainingRoutes.openClass.path(), ["year": year]).status == .forbidden)
            let overview = try await county.get(TrainingRoutes.overview.path(query: [("year", year)])).body.string
            #expect(overview.contains("培训移民1人，其中短期培训1人次，培训资金0.01万元"))
            let ledger = try await county.get(TrainingRoutes.ledger.path(query: [("year", year)]))
            let reader = try XLSXReader(data: Data(buffer: ledger.body))
            #expect(reader.sheetNames == ["\(year)年培训统计", "培训台账"])
            let trainees = try reader.rows(sheet: "培训台账")
            #expect(trainees.contains { $0.cells.contains(Fixtures.id(1985, 31)) })
            let api = try await county.get(TrainingAPIRoutes.statistics.path(query: [("year", year)]))
            let json = try JSONDecoder().decode(TrainingStatisticsDTO.self, from: Data(buffer: api.body))
            #expect(json.people == 1 && json.funds_fen == 8_080)
        }
    }
}
