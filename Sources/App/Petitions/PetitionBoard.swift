import Fluent
import Foundation
import ResettleCore

/// The deadline board (信访时限预警): every running clock of the petitions in the user's scope
/// that is overdue or falls due within seven days, soonest first, and the unresolved high-risk
/// disputes. Computed from the dates at each view, so a due item cannot be missed by a job
/// that did not run.
struct PetitionBoard: Sendable {
    struct Item: Sendable {
        var petitionID: UUID
        var number: String
        var townshipCode: String
        var clock: PetitionClock
        var daysLeft: Int
        /// nil when the viewer may not see the petition's content.
        var summary: String?
        var assignee: String?

        /// Red once overdue, amber within three days, plain within seven.
        var tone: String { daysLeft < 0 ? "bad" : daysLeft <= 3 ? "warn" : "pending" }
        var label: String {
            daysLeft < 0 ? "逾期\(-daysLeft)天" : daysLeft == 0 ? "今天到期" : "剩余\(daysLeft)天"
        }
    }

    static let horizonDays = 7

    var items: [Item]
    var disputes: [DisputeScreening]

    var overdue: Int { items.filter { $0.daysLeft < 0 }.count }
    var withinThree: Int { items.filter { (0...3).contains($0.daysLeft) }.count }
    var withinSeven: Int { items.filter { (4...Self.horizonDays).contains($0.daysLeft) }.count }

    /// The stages in which a clock of the office runs.
    static let openStages: [PetitionStage] = [.registered, .accepted, .reviewing, .rereviewing]

    /// `assignedTo`: only the petitions assigned to this user (their own board on the home page).
    static func load(
        for user: User, scope: AccessScope, today: CivilDate, assignedTo: String? = nil, on db: any Database
    ) async throws -> PetitionBoard {
        let rules = try await PetitionRules.load(on: db)
        var query = scope.restrict(Petition.query(on: db), field: \.$townshipCode)
            .filter(\.$stage ~~ openStages.map(\.rawValue))
        if let assignedTo { query = query.filter(\.$assignee == assignedTo) }
        var items: [Item] = []
        for p in try await query.all() {
            let sees = PetitionAccess.seesContent(of: p, user: user, rules: rules)
            for clock in p.procedure(rules).running(on: today) {
                let left = clock.daysLeft(on: today)
                guard left <= horizonDays else { continue }
                items.append(
                    Item(
                        petitionID: try p.requireID(), number: p.number, townshipCode: p.townshipCode, clock: clock,
                        daysLeft: left, summary: sees ? "\(p.category)：\(p.request)" : nil, assignee: p.assignee))
            }
        }
        items.sort { ($0.daysLeft, $0.number) < ($1.daysLeft, $1.number) }
        let disputes =
            assignedTo == nil
            ? try await scope.restrict(DisputeScreening.query(on: db), field: \.$townshipCode)
                .filter(\.$risk == DisputeRisk.high.rawValue).filter(\.$resolvedOn == nil).sort(\.$foundOn).all()
            : []
        return PetitionBoard(items: items, disputes: disputes)
    }
}
