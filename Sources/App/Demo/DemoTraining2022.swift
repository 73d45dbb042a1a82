import Fluent
import Foundation
import ResettleCore
import Vapor

/// The county's 2022 training, entered through the same services staff use: the year's plans,
/// ten agricultural classes of 50 (500 people at 80.8元), two housekeeping classes (the first's
/// 30 places taken, 36 people at 3000元), the city's short course (14 at 2200元), each with its
/// attendance and certificates, and 375 students of vocational education approved for 4000元 —
/// 925 people, 550 person-times of short courses, 167.92万元.
enum DemoTraining2022 {
    struct Course {
        var type: String
        var name: String
        var provider: String
        var startsOn: String
        var quota: Int
        var trainees: Int
    }

    static var courses: [Course] {
        (1...10).map { i in
            Course(
                type: "农业实用技术培训", name: "农业实用技术培训班（第\(i)期）", provider: "邵东市农业技术推广中心",
                startsOn: "2022-\(i + 2 < 10 ? "0" : "")\(i + 2)-1\(i % 10)", quota: 50, trainees: 50)
        } + [
            Course(
                type: "短期就业技能培训（家政服务）", name: "家政服务培训班（第一期）", provider: "邵东市职业中专", startsOn: "2022-05-16",
                quota: 30, trainees: 30),
            Course(
                type: "短期就业技能培训（家政服务）", name: "家政服务培训班（第二期）", provider: "邵东市职业中专", startsOn: "2022-09-19",
                quota: 10, trainees: 6),
            Course(
                type: "市统筹短期就业技能培训", name: "邵阳市统筹移民就业技能培训班", provider: "邵阳市移民培训基地", startsOn: "2022-07-11",
                quota: 20, trainees: 14),
        ]
    }

    static let plans: [(type: String, document: String, people: Int, yuan: Int64)] = [
        ("农业实用技术培训", "湘移〔2022〕16号", 500, 40_400), ("短期就业技能培训（家政服务）", "湘移〔2022〕16号", 36, 108_000),
        ("市统筹短期就业技能培训", "邵市移〔2022〕9号", 14, 30_800), ("中长期职业教育", "湘移〔2022〕16号", 375, 1_500_000),
    ]
    static let students = 375

    static func load(app: Application, users: [String: User]) async throws {
        let county = users["county"]!
        let types = Dictionary(
            uniqueKeysWithValues: try await TrainingType.query(on: app.db).all().map { ($0.name, $0) })
        let plansOn = CivilDate(year: 2022, month: 2, day: 20)!
        let planner = TrainingService(db: app.db, gate: app.writeGate, user: county, today: plansOn)
        for p in plans {
            _ = try await planner.addPlan(
                .init(
                    year: 2022, typeID: types[p.type]!.requireID(), document: p.document, quotaPeople: p.people,
                    quotaFen: p.yuan * 100))
        }
        var pool = try await Pool(app.db)
        for course in courses {
            let start = CivilDate(parsing: course.startsOn)!
            let service = TrainingService(db: app.db, gate: app.writeGate, user: county, today: start.adding(days: -3))
            let c = try await service.openClass(
                .init(
                    year: 2022, typeID: types[course.type]!.requireID(), name: course.name, provider: course.provider,
                    venue: "邵东市", startsOn: start, endsOn: start.adding(days: 4), quota: course.quota, sessions: 1))
            let classID = try c.requireID()
            let enrolled = try await service.enrol(
                idNumbers: pool.take(course.trainees, type: course.type).map(\.idNumber), classID: classID)
            let after = TrainingService(db: app.db, gate: app.writeGate, user: county, today: start.adding(days: 5))
            _ = try await after.attendance(session: 1, present: enrolled.compactMap(\.id), classID: classID)
            for (i, e) in enrolled.enumerated() {
                let housekeeping = course.type.contains("家政")
                _ = try await after.complete(
                    .init(
                        day: start.adding(days: 4), certificate: "SD2022-\(course.name.prefix(2))-\(i + 1)",
                        employer: housekeeping && i % 3 != 2 ? "邵东市家政服务公司" : "",
                        incomeBand: housekeeping && i % 3 != 2 ? "3000-5000元" : ""),
                    enrolmentID: e.requireID())
            }
        }
        // The students: filed by county staff, reviewed for the township, approved by a leader.
        let filed = CivilDate(year: 2022, month: 9, day: 1)!
        let submit = EducationSubsidyService(db: app.db, gate: app.writeGate, user: county, today: filed)
        let review = EducationSubsidyService(
            db: app.db, gate: app.writeGate, user: users["admin"]!, today: filed.adding(days: 8))
        let approve = EducationSubsidyService(
            db: app.db, gate: app.writeGate, user: users["leader"]!, today: filed.adding(days: 12))
        var filedIDs: [UUID] = []
        for (i, person) in pool.take(students, type: "中长期职业教育").enumerated() {
            let s = try await submit.submit(
                .init(
                    year: 2022, idNumber: person.idNumber, school: i % 2 == 0 ? "邵东市职业中专" : "邵阳工业职业技术学院",
                    studyYear: 1 + i % 3, noticeStart: filed, noticeEnd: filed.adding(days: 6)))
            filedIDs.append(try s.requireID())
        }
        _ = try await review.act(.townshipApprove, opinion: "情况属实", subsidyIDs: filedIDs)
        _ = try await approve.act(.countyApprove, opinion: "同意", subsidyIDs: filedIDs)
    }

    /// The register's active people of working age all year, handed out in turn: nobody twice
    /// in one type; a small demo register runs out and hands people out again to other types.
    struct Pool {
        var people: [Person]
        var next = 0
        var usedByType: [String: Set<UUID>] = [:]

        init(_ db: any Database) async throws {
            let ages = try await TrainingService.ages(on: db)
            let first = CivilDate(year: 2022, month: 1, day: 1)!
            let last = CivilDate(year: 2022, month: 12, day: 31)!
            people = try await Person.query(on: db).filter(\.$status == PersonStatus.active.rawValue)
                .sort(\.$idNumber).all().filter { p in
                    guard let birth = try? ResidentID(validating: p.idNumber).birthDate else { return false }
                    return ages.contains(PersonPage.age(birth: birth, on: first))
                        && ages.contains(PersonPage.age(birth: birth, on: last))
                }
        }

        mutating func take(_ count: Int, type: String) -> [Person] {
            var taken: [Person] = []
            var tried = 0
            while taken.count < count && tried < people.count {
                let p = people[next % people.count]
                next += 1
                tried += 1
                if usedByType[type, default: []].insert(p.id!).inserted { taken.append(p) }
            }
            return taken
        }
    }
}
