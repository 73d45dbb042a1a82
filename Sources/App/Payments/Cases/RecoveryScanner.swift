import Fluent
import Foundation
import ResettleCore
import SQLKit

/// Finds payments made for periods in which the person was no longer entitled (追缴), using
/// `Eligibility.overpaidPeriods` on what each person was due (`PersonTimelines.dueTimeline`:
/// a reduction counts from the period after the day of its event — a death, a job, a
/// sentence — where the request recorded it, not only from its approval), and opens a
/// recovery case for each one not already known.
///
/// A payment counts as made when its line is in an approved roll and the bank reported it
/// paid; lines of a roll without any imported result are counted as paid too, since an
/// approved roll is sent to the bank. Only people with a status event can have become
/// ineligible after the fact, so only they are examined.
struct RecoveryScanner {
    let db: any Database
    let gate: WriteGate
    let actor: String
    /// Counts people checked, for a job's progress bar.
    var progress: JobProgress? = nil

    @discardableResult
    func scan() async throws -> Int {
        let actor = actor
        let progress = progress
        return try await gate.write(on: db) { tx, audit in
            let sql = tx as! any SQLDatabase
            let changed = try await sql.select().distinct().column("person_id").from("person_status_events").all()
                .map { try $0.decode(column: "person_id", as: UUID.self) }
            guard !changed.isEmpty else { return 0 }
            let known = Set(try await RecoveryCase.query(on: tx).all().map { "\($0.personID)|\($0.period)" })
            let rolls = try await PaymentRoll.query(on: tx).filter(\.$status == PaymentRoll.Status.approved.rawValue)
                .all()
            let rollByID = Dictionary(uniqueKeysWithValues: rolls.compactMap { r in r.id.map { ($0, r) } })
            guard !rollByID.isEmpty else { return 0 }
            let periodsPerYear = try await OfficeSetting.periodsPerYear.int(on: tx)
            var opened = 0
            progress?.report(done: 0, total: changed.count)
            for chunk in changed.chunked(into: 500) {
                let ids = Array(chunk)
                defer { progress?.advance(by: ids.count) }
                let lines = try await sql.select().column("roll_id").columns(
                    PaymentRollLine.columns.map { SQLIdentifier($0) }
                )
                .from("payment_roll_lines").where(SQLIdentifier("person_id"), .in, SQLBind.group(ids)).all()
                let failed = try await failedPayments(people: ids, on: sql)
                var paid: [UUID: [(PaymentRollLine, PaymentRoll)]] = [:]
                for row in lines {
                    let rollID = try row.decode(column: "roll_id", as: UUID.self)
                    guard let roll = rollByID[rollID] else { continue }
                    let line = try row.decode(model: PaymentRollLine.self)
                    if failed.contains("\(rollID)|\(line.person_id)") { continue }
                    paid[line.person_id, default: []].append((line, roll))
                }
                guard !paid.isEmpty else { continue }
                let timelines = try await PersonTimelines.load(
                    on: tx, periodsPerYear: periodsPerYear, people: Array(paid.keys))
                let people = try await Person.query(on: tx).filter(\.$id ~~ Array(paid.keys)).all()
                let deaths = try await Self.deathDates(people: Array(paid.keys), on: tx)
                for person in people {
                    guard let personID = person.id, let payments = paid[personID] else { continue }
                    let periods = payments.compactMap { PaymentPeriod(label: $0.0.for_period) }
                    let timeline = timelines.dueTimeline(person: personID, currentStatus: person.personStatus)
                    for over in Eligibility.overpaidPeriods(
                        paidPeriods: periods, timeline: timeline, deathDate: deaths[personID])
                    {
                        let key = "\(personID)|\(over.period.label)"
                        guard !known.contains(key),
                            let roll = payments.first(where: { $0.0.for_period == over.period.label })?.1
                        else { continue }
                        let c = RecoveryCase()
                        c.personID = personID
                        c.townshipCode = person.townshipCode
                        c.idNumber = person.idNumber
                        c.name = person.name
                        c.period = over.period.label
                        c.rollID = try roll.requireID()
                        c.amountFen = payments.filter { $0.0.for_period == over.period.label }.reduce(0) {
                            $0 + $1.0.amount_fen
                        }
                        c.reason = over.reason.rawValue
                        c.status = RecoveryCase.Status.open.rawValue
                        c.notes = ""
                        c.createdBy = actor
                        try await c.create(on: tx)
                        audit.record(
                            actor: actor, action: "recovery.open", entity: "recovery_case", entityID: c.id!.uuidString,
                            townshipCode: c.townshipCode, before: nil, after: RecoverySnapshot(c))
                        opened += 1
                    }
                }
            }
            return opened
        }
    }

    /// The day of death an approved reduction recorded, by person: such periods are recovered as
    /// 死亡后发放 rather than as an ordinary reduction.
    static func deathDates(people: [UUID], on db: any Database) async throws -> [UUID: CivilDate] {
        let deaths = try await ChangeRequest.query(on: db).filter(\.$personID ~~ people)
            .filter(\.$kind == ChangeKind.reduction.rawValue).filter(\.$reason == ReductionReason.death.rawValue)
            .filter(\.$status == ChangeStatus.approved.rawValue).filter(\.$eventDate != nil).all()
        var out: [UUID: CivilDate] = [:]
        for c in deaths {
            guard let day = c.eventDate.flatMap(CivilDate.init(parsing:)) else { continue }
            out[c.personID] = min(out[c.personID] ?? day, day)
        }
        return out
    }

    /// (roll, person) pairs the bank reported as failed, which are not payments.
    private func failedPayments(people: [UUID], on sql: any SQLDatabase) async throws -> Set<String> {
        let rows = try await sql.select().column(SQLColumn("roll_id", table: "bank_results")).column(
            SQLColumn("person_id", table: "bank_result_lines")
        )
        .from("bank_result_lines")
        .join(
            "bank_results", on: SQLColumn("result_id", table: "bank_result_lines"), .equal,
            SQLColumn("id", table: "bank_results")
        )
        .where(SQLColumn("person_id", table: "bank_result_lines"), .in, SQLBind.group(people))
        .where(SQLColumn("succeeded", table: "bank_result_lines"), .equal, SQLBind(false))
        // A failure reported only in a voided result is no failure.
        .where(SQLColumn("voided_at", table: "bank_results"), .is, SQLLiteral.null)
        .all()
        return Set(
            try rows.map {
                "\(try $0.decode(column: "roll_id", as: UUID.self))|\(try $0.decode(column: "person_id", as: UUID.self))"
            })
    }

    /// Records a recovery's progress. The status may move from open to recovered or written
    /// off; a note is appended with date and author, never replacing earlier ones.
    static func update(
        caseID: UUID, status: RecoveryCase.Status, note: String, user: User, gate: WriteGate, on db: any Database
    ) async throws -> RecoveryCase {
        guard user.roleValue == .admin || user.roleValue == .county else { throw ResettleError.forbidden }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await gate.write(on: db) { tx, audit in
            guard let c = try await RecoveryCase.find(caseID, on: tx) else { throw ResettleError.notFound }
            guard c.statusValue == .open || status == c.statusValue else {
                throw ResettleError.conflict("该追缴案件已办结（\(c.statusValue.chinese)），不能再改变状态")
            }
            guard status != c.statusValue || !text.isEmpty else { throw ResettleError.invalidInput("请选择新的状态或填写说明") }
            if status == .writtenOff && text.isEmpty { throw ResettleError.invalidInput("核销须填写说明（依据、批准人）") }
            let before = RecoverySnapshot(c)
            c.status = status.rawValue
            if !text.isEmpty {
                let line = "\(CivilDate.today().iso) \(user.displayName)：\(text)"
                c.notes = c.notes.isEmpty ? line : c.notes + "\n" + line
            }
            try await c.update(on: tx)
            audit.record(
                actor: user.username, action: "recovery.update", entity: "recovery_case", entityID: caseID.uuidString,
                townshipCode: c.townshipCode, before: before, after: RecoverySnapshot(c))
            return c
        }
    }
}
