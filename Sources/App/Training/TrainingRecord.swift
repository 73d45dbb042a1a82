import Fluent
import Foundation
import ResettleCore

/// A person's training for their page: each class with its outcome, and each year's
/// vocational-education subsidy with its status.
enum TrainingRecord {
    static func of(personID: UUID, on db: any Database) async throws -> [(what: String, when: String, result: String)] {
        let enrolments = try await TrainingEnrolment.query(on: db).filter(\.$personID == personID).all()
        let classIDs = enrolments.map(\.classID)
        let classes =
            classIDs.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: try await TrainingClass.query(on: db).filter(\.$id ~~ classIDs).all().map {
                    ($0.id!, $0)
                })
        var rows: [(what: String, when: String, result: String)] = enrolments.compactMap { e in
            guard let c = classes[e.classID] else { return nil }
            let result =
                e.completedOn.map { "\($0)结业，证书\(e.certificate ?? "")" + (e.employer.map { "，就业：\($0)" } ?? "") }
                ?? "出勤\(e.attended)/\(c.sessions)次"
            return (c.name, "\(c.startsOn)至\(c.endsOn)", result)
        }
        for s in try await EducationSubsidy.query(on: db).filter(\.$personID == personID).sort(\.$year).all() {
            rows.append(
                (
                    "中长期职业教育补助：\(s.school)\(s.studyYear)年级", "\(s.year)年",
                    "\(Money.yuan(s.amountFen))元，\(ChangeStatus(rawValue: s.status)?.chinese ?? s.status)"
                ))
        }
        return rows.sorted { $0.when < $1.when }
    }
}
