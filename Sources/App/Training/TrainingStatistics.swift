import Fluent
import Foundation
import ResettleCore
import ResettleOffice

/// A year's training by type, against its plan: people (each person once per type), person-times
/// of short courses (one enrolment, one person-time), and money (the class's cost per person for
/// each trainee; for 中长期职业教育 the approved subsidies).
struct TrainingStatistics: Sendable {
    struct Row: Sendable {
        var type: TrainingType
        var plan: TrainingPlan?
        var people: Int
        var personTimes: Int
        var fundsFen: Int64
        var completed: Int
        var employed: Int
    }

    var year: Int
    /// Places taken in each class, by trainees of every township (whether a class is full).
    var enrolledByClass: [UUID: Int]
    var rows: [Row]

    var people: Int { rows.reduce(0) { $0 + $1.people } }
    var shortCoursePersonTimes: Int { rows.filter(\.type.shortCourse).reduce(0) { $0 + $1.personTimes } }
    var fundsFen: Int64 { rows.reduce(0) { $0 + $1.fundsFen } }

    /// `townshipCode`: one township's trainees only (a township user's view).
    static func load(year: Int, townshipCode: String?, on db: any Database) async throws -> TrainingStatistics {
        let types = try await TrainingType.query(on: db).sort(\.$sortOrder).all()
        let plans = try await TrainingPlan.query(on: db).filter(\.$year == year).all()
        let classes = try await TrainingClass.query(on: db).filter(\.$year == year).all()
        let classIDs = classes.compactMap(\.id)
        var enrolments =
            classIDs.isEmpty ? [] : try await TrainingEnrolment.query(on: db).filter(\.$classID ~~ classIDs).all()
        var subsidies = try await EducationSubsidy.query(on: db).filter(\.$year == year)
            .filter(\.$status == ChangeStatus.approved.rawValue).all()
        let enrolledByClass = Dictionary(grouping: enrolments, by: \.classID).mapValues(\.count)
        if let townshipCode {
            enrolments = enrolments.filter { $0.townshipCode == townshipCode }
            subsidies = subsidies.filter { $0.townshipCode == townshipCode }
        }
        let classByID = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0) })
        let byType = Dictionary(grouping: enrolments) { classByID[$0.classID]!.typeID }
        return TrainingStatistics(
            year: year, enrolledByClass: enrolledByClass,
            rows: types.map { type in
                let plan = plans.first { $0.typeID == type.id }
                if type.longTerm {
                    return Row(
                        type: type, plan: plan, people: Set(subsidies.map(\.personID)).count, personTimes: 0,
                        fundsFen: subsidies.reduce(0) { $0 + $1.amountFen }, completed: 0, employed: 0)
                }
                let mine = byType[type.id!] ?? []
                return Row(
                    type: type, plan: plan, people: Set(mine.map(\.personID)).count,
                    personTimes: type.shortCourse ? mine.count : 0,
                    fundsFen: mine.reduce(0) { $0 + classByID[$1.classID]!.costPerPersonFen },
                    completed: mine.filter { $0.completedOn != nil }.count,
                    employed: mine.filter { $0.employer != nil }.count)
            })
    }

    static let header = ["培训类型", "计划人数", "计划资金（元）", "培训人数", "短期培训人次", "资金（元）", "结业", "就业"]

    /// 培训台账: the statistics by type, then every trainee of the year's classes.
    static func ledger(
        _ s: TrainingStatistics, trainees: [(TrainingClass, TrainingEnrolment)], names: (String) -> String
    )
        throws -> Data
    {
        var rows: [[XLSXCell]] = s.rows.map { r in
            [
                .text(r.type.name), .integer(Int64(r.plan?.quotaPeople ?? 0)), .fen(r.plan?.quotaFen ?? 0),
                .integer(Int64(r.people)), .integer(Int64(r.personTimes)), .fen(r.fundsFen),
                .integer(Int64(r.completed)), .integer(Int64(r.employed)),
            ]
        }
        rows.append([
            .text("合计"), .empty, .empty, .integer(Int64(s.people)), .integer(Int64(s.shortCoursePersonTimes)),
            .fen(s.fundsFen), .empty, .empty,
        ])
        return try XLSXWriter.data(sheets: [
            XLSXSheet(
                name: "\(s.year)年培训统计", header: header, columnWidths: [26, 10, 14, 10, 12, 14, 8, 8], rows: rows),
            XLSXSheet(
                name: "培训台账", header: ["班级", "开班日期", "乡镇", "姓名", "身份证号", "出勤", "结业日期", "证书编号", "就业单位", "收入"],
                columnWidths: [28, 12, 12, 10, 22, 6, 12, 16, 20, 12],
                rows: trainees.map { c, e in
                    [
                        .text(c.name), .text(c.startsOn), .text(names(e.townshipCode)), .text(e.name),
                        .text(e.idNumber),
                        .integer(Int64(e.attended)), .text(e.completedOn ?? ""), .text(e.certificate ?? ""),
                        .text(e.employer ?? ""), .text(e.incomeBand ?? ""),
                    ]
                }),
        ])
    }
}
