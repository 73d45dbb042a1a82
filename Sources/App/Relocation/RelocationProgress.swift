import Fluent
import Foundation

/// A task's progress: enrolled, moved and accepted households, people moved, subsidy paid
/// against the task.
struct RelocationProgress: Sendable {
    var task: RelocationTask
    var enrolled = 0
    var moved = 0
    var accepted = 0
    var peopleMoved = 0
    var subsidyPaidFen: Int64 = 0

    var subsidyTargetFen: Int64 { Int64(task.targetHouseholds) * task.subsidyPerHouseholdFen }

    static func of(_ tasks: [RelocationTask], on db: any Database) async throws -> [RelocationProgress] {
        let ids = tasks.compactMap(\.id)
        let all = ids.isEmpty ? [] : try await HouseholdRelocation.query(on: db).filter(\.$taskID ~~ ids).all()
        let byTask = Dictionary(grouping: all, by: \.taskID)
        return tasks.map { t in
            var p = RelocationProgress(task: t)
            for r in byTask[t.id!] ?? [] {
                p.enrolled += 1
                if r.movedOn != nil {
                    p.moved += 1
                    p.peopleMoved += r.people
                }
                if r.acceptedOn != nil { p.accepted += 1 }
                p.subsidyPaidFen += r.subsidyPaidFen ?? 0
            }
            return p
        }
    }
}
