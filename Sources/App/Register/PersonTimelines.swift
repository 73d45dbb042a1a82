import Fluent
import Foundation
import ResettleCore
import SQLKit

/// Builds each person's `StatusTimeline` from the register, in bulk: one query over the status
/// events and one over additions, instead of one per person.
///
/// The register's convention (see `PersonPage`): a person imported from a register file was on
/// the register before the system existed and is active from the start; a person added by hand
/// is pending until the addition is approved. Every later status is a `PersonStatusEvent` from
/// its effective period.
struct PersonTimelines: Sendable {
    private(set) var spansByPerson: [UUID: [StatusSpan]] = [:]
    private(set) var addedByRequest: Set<UUID> = []
    let periodsPerYear: Int

    /// A period before any support window, from which an imported person is active.
    var beginning: PaymentPeriod { PaymentPeriod(year: 1900, index: 1, periodsPerYear: periodsPerYear)! }

    static func load(on db: any Database, periodsPerYear: Int, people: [UUID]? = nil) async throws -> PersonTimelines {
        let sql = db as! any SQLDatabase
        var result = PersonTimelines(periodsPerYear: periodsPerYear)
        var events = sql.select().column("person_id").column("status").column("effective_period")
            .from("person_status_events")
        if let people { events = events.where(SQLIdentifier("person_id"), .in, SQLBind.group(people)) }
        // Effective period, then the order they were recorded: a later decision for the same
        // period overrides an earlier one, as `StatusTimeline` expects.
        let rows = try await events.orderBy("effective_from").orderBy("recorded_at").all()
        for row in rows {
            let person = try row.decode(column: "person_id", as: UUID.self)
            guard let status = PersonStatus(rawValue: try row.decode(column: "status", as: String.self)),
                let period = PaymentPeriod(label: try row.decode(column: "effective_period", as: String.self))
            else { continue }
            result.spansByPerson[person, default: []].append(StatusSpan(status: status, fromPeriod: period))
        }
        var additions = sql.select().distinct().column("person_id").from("change_requests")
            .where("kind", .equal, SQLBind(ChangeKind.addition.rawValue))
        if let people { additions = additions.where(SQLIdentifier("person_id"), .in, SQLBind.group(people)) }
        for row in try await additions.all() {
            result.addedByRequest.insert(try row.decode(column: "person_id", as: UUID.self))
        }
        return result
    }

    /// Shared by every person without events (nearly all of them), built once.
    private let alwaysActive: StatusTimeline

    private init(periodsPerYear: Int) {
        self.periodsPerYear = periodsPerYear
        alwaysActive = StatusTimeline([
            StatusSpan(
                status: .active, fromPeriod: PaymentPeriod(year: 1900, index: 1, periodsPerYear: periodsPerYear)!)
        ])
    }

    /// Whether the person's timeline depends on more than their current status (a status
    /// event); without one, `timeline` is a function of the current status alone.
    func hasEvents(person: UUID) -> Bool { spansByPerson[person] != nil }

    /// The timeline of a person with `currentStatus` on the register now.
    func timeline(person: UUID, currentStatus: PersonStatus) -> StatusTimeline {
        guard let spans = spansByPerson[person] else {
            // No event: the status as imported (active) or entered (pending) holds throughout.
            switch currentStatus {
            case .active: return alwaysActive
            case .pending: return StatusTimeline([])
            default: return StatusTimeline([StatusSpan(status: currentStatus, fromPeriod: beginning)])
            }
        }
        if addedByRequest.contains(person) { return StatusTimeline(spans) }
        return StatusTimeline([StatusSpan(status: .active, fromPeriod: beginning)] + spans)
    }
}
