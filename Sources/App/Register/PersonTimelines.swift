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
    /// The same, with each dated event counted from the period after its day where that is
    /// earlier than the period it took effect in: what the person was due, as against what the
    /// roll paid (see `dueTimeline`).
    private(set) var dueSpansByPerson: [UUID: [StatusSpan]] = [:]
    private(set) var addedByRequest: Set<UUID> = []
    let periodsPerYear: Int

    /// A period before any support window, from which an imported person is active.
    var beginning: PaymentPeriod { PaymentPeriod(year: 1900, index: 1, periodsPerYear: periodsPerYear)! }

    static func load(on db: any Database, periodsPerYear: Int, people: [UUID]? = nil) async throws -> PersonTimelines {
        let sql = db as! any SQLDatabase
        var result = PersonTimelines(periodsPerYear: periodsPerYear)
        var events = sql.select().column("person_id").column("status").column("effective_period")
            .column("event_date").from("person_status_events")
        if let people { events = events.where(SQLIdentifier("person_id"), .in, SQLBind.group(people)) }
        // Effective period, then the order they were recorded: a later decision for the same
        // period overrides an earlier one, as `StatusTimeline` expects.
        let rows = try await events.orderBy("effective_from").orderBy("recorded_at").all()
        for row in rows {
            let person = try row.decode(column: "person_id", as: UUID.self)
            guard let status = PersonStatus(rawValue: try row.decode(column: "status", as: String.self)),
                let period = PaymentPeriod(label: try row.decode(column: "effective_period", as: String.self))
            else { continue }
            let span = StatusSpan(status: status, fromPeriod: period)
            result.spansByPerson[person, default: []].append(span)
            // The period in which the event happened is due, every later one is not.
            if let day = try row.decode(column: "event_date", as: String?.self).flatMap(CivilDate.init(parsing:)) {
                let dueFrom = PaymentPeriod.effectivePeriod(approvedOn: day, periodsPerYear: periodsPerYear)
                if dueFrom < period {
                    result.dueSpansByPerson[person, default: []].append(StatusSpan(status: status, fromPeriod: dueFrom))
                }
            }
            result.dueSpansByPerson[person, default: []].append(span)
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

    /// The timeline of a person with `currentStatus` on the register now: what the rolls pay.
    func timeline(person: UUID, currentStatus: PersonStatus) -> StatusTimeline {
        timeline(spansByPerson[person], person: person, currentStatus: currentStatus)
    }

    /// What the person was due: as `timeline`, except that a status recorded with the day of
    /// its event (a death on 2022-03-15 approved on 2022-09-30, effective 2022Q4) holds from the
    /// period after that day (2022Q2), so the periods paid in between are found as not due.
    func dueTimeline(person: UUID, currentStatus: PersonStatus) -> StatusTimeline {
        timeline(dueSpansByPerson[person], person: person, currentStatus: currentStatus)
    }

    private func timeline(_ spans: [StatusSpan]?, person: UUID, currentStatus: PersonStatus) -> StatusTimeline {
        guard let spans else {
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
