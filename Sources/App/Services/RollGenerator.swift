import Fluent
import Foundation
import ResettleCore
import SQLKit
import SQLiteNIO

/// Generates (or regenerates) the draft payment roll of a period from the register.
///
/// One pass over the people (in table order on SQLite, resident-ID order on PostgreSQL), read in
/// keyset pages so memory stays flat at a million people; each person is decided by `Eligibility.evaluate` with their timeline, and
/// lines and exclusions are written with multi-row INSERTs. Everything runs in one transaction
/// behind the write gate: a regeneration replaces the draft's lines completely or not at all,
/// and the same register always gives the same roll.
struct RollGenerator {
    let db: any Database
    let gate: WriteGate
    let actor: String

    /// People read per page. Large enough that the per-query cost vanishes, small enough that a
    /// page of lines is a few megabytes.
    static let pageSize = 20_000

    struct Outcome: Sendable {
        var roll: PaymentRoll
        var seconds: Double
        var peopleRead: Int
        /// Where the time went: reading the register, deciding, writing lines (for `bench roll`).
        var readSeconds: Double = 0
        var decideSeconds: Double = 0
        var writeSeconds: Double = 0
    }

    func generate(period: PaymentPeriod) async throws -> Outcome {
        let started = Date()
        let schedule = try await PolicyStore.schedule(on: db)
        let policy: PaymentPolicy
        do { policy = try schedule.policy(for: period) } catch { throw ResettleError.invalidInput(error.message) }
        let actor = actor
        return try await gate.run {
            try await db.transaction { tx in try await SQLiteCache.enlarged(on: tx as! any SQLDatabase) {
                let sql = tx as! any SQLDatabase
                let existing = try await PaymentRoll.query(on: tx).filter(\.$period == period.label).first()
                if let existing, existing.isLocked {
                    throw ResettleError.conflict("\(period.chinese)的发放花名册已审批锁定，不能重新生成")
                }
                let before = existing.map(RollSnapshot.init)
                let roll = existing ?? PaymentRoll()
                if let id = existing?.id {
                    // Draft lines are not money yet: the audit row below keeps the old totals.
                    try await sql.delete(from: "payment_roll_lines").where("roll_id", .equal, SQLBind(id)).run()
                    try await sql.delete(from: "payment_exclusions").where("roll_id", .equal, SQLBind(id)).run()
                    try await sql.update("reissue_cases").set("reissue_roll_id", to: SQLLiteral.null)
                        .where("reissue_roll_id", .equal, SQLBind(id)).where("status", .equal, SQLBind(ReissueCase.Status.open.rawValue))
                        .run()
                }
                roll.period = period.label
                roll.status = PaymentRoll.Status.draft.rawValue
                roll.policyEffectiveFrom = policy.effectiveFrom.iso
                roll.yearlyRateFen = policy.yearlyRateFen
                roll.amountPerPeriodFen = policy.amountPerPeriodFen
                roll.memo = policy.memo
                roll.generation = (existing?.generation ?? 0) + 1
                roll.generatedBy = actor
                roll.generatedAt = Date()
                roll.lineCount = 0
                roll.totalFen = 0
                roll.excludedCount = 0
                if existing == nil { try await roll.create(on: tx) } else { try await roll.update(on: tx) }
                let rollID = try roll.requireID()

                let timelines = try await PersonTimelines.load(on: tx, periodsPerYear: period.periodsPerYear)
                var totals = Totals()
                var peopleRead = 0
                var after: String?
                var afterRowID = 0
                let lite = sql as? any SQLiteDatabase
                var phases = (read: 0.0, decide: 0.0, write: 0.0)
                while true {
                    var mark = Date()
                    let page: [PersonRow]
                    if let lite {
                        (page, afterRowID) = try await readPeople(afterRowID: afterRowID, on: lite)
                    } else {
                        page = try await readPeople(after: after, on: sql)
                    }
                    phases.read += Date().timeIntervalSince(mark)
                    mark = Date()
                    guard let last = page.last else { break }
                    after = last.idNumber
                    peopleRead += page.count
                    var lines: [[BulkValue]] = []
                    var exclusions: [[BulkValue]] = []
                    lines.reserveCapacity(page.count)
                    for person in page {
                        let decision = decide(person, period: period, schedule: schedule, timelines: timelines)
                        switch decision {
                        case .eligible(let fen):
                            totals.add(fen)
                            lines.append(lineRow(rollID: rollID, seq: totals.lines, person: person, fen: fen, kind: .regular,
                                                 forPeriod: period.label, reissueCase: nil))
                        case .ineligible(let reason):
                            totals.excluded += 1
                            exclusions.append([
                                .uuid(rollID), .uuid(person.id), .text(person.townshipCode), .text(person.villageCode),
                                .text(person.idNumber), .text(person.name), .text(reason.rawValue),
                            ])
                        }
                    }
                    phases.decide += Date().timeIntervalSince(mark)
                    mark = Date()
                    try await BulkInsert.run(sql, into: "payment_roll_lines", columns: ["roll_id"] + PaymentRollLine.columns, rows: lines)
                    try await BulkInsert.run(sql, into: "payment_exclusions", columns: ["roll_id"] + PaymentExclusion.columns, rows: exclusions)
                    phases.write += Date().timeIntervalSince(mark)
                    if page.count < Self.pageSize { break }
                }
                try await addReissues(rollID: rollID, period: period, totals: &totals, on: tx)

                roll.lineCount = totals.lines
                roll.totalFen = totals.fen
                roll.excludedCount = totals.excluded
                try await roll.update(on: tx)
                try await AuditLog.append(
                    actor: actor, action: existing == nil ? "roll.generate" : "roll.regenerate", entity: "payment_roll",
                    entityID: rollID.uuidString, townshipCode: nil, before: before, after: RollSnapshot(roll), on: tx)
                return Outcome(
                    roll: roll, seconds: Date().timeIntervalSince(started), peopleRead: peopleRead, readSeconds: phases.read,
                    decideSeconds: phases.decide, writeSeconds: phases.write)
            } }
        }
    }

    struct Totals {
        var lines = 0
        var fen: Int64 = 0
        var excluded = 0

        mutating func add(_ amount: Int64) {
            lines += 1
            fen += amount
        }
    }

    /// What the roll needs of a person on the register.
    struct PersonRow: Sendable {
        var id: UUID
        var idNumber: String
        var name: String
        var townshipCode: String
        var villageCode: String
        var type: String
        var moveCompletedOn: String?
        var status: String
        var bankName: String?
        var cardNumber: String?
    }

    /// One keyset page in resident-ID order (the unique index on `id_number` serves it without
    /// sorting).
    private func readPeople(after: String?, on sql: any SQLDatabase) async throws -> [PersonRow] {
        var query = sql.select()
            .columns("id", "id_number", "name", "township_code", "village_code", "resettlement_type", "move_completed_on", "status",
                     "bank_name", "card_number")
            .from("people")
        if let after { query = query.where("id_number", .greaterThan, SQLBind(after)) }
        let rows = try await query.orderBy("id_number").limit(Self.pageSize).all()
        var people: [PersonRow] = []
        people.reserveCapacity(rows.count)
        for row in rows {
            people.append(PersonRow(
                id: try row.decode(column: "id", as: UUID.self),
                idNumber: try row.decode(column: "id_number", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                townshipCode: try row.decode(column: "township_code", as: String.self),
                villageCode: try row.decode(column: "village_code", as: String.self),
                type: try row.decode(column: "resettlement_type", as: String.self),
                moveCompletedOn: try row.decode(column: "move_completed_on", as: String?.self),
                status: try row.decode(column: "status", as: String.self),
                bankName: try row.decode(column: "bank_name", as: String?.self),
                cardNumber: try row.decode(column: "card_number", as: String?.self)))
        }
        return people
    }

    /// The same page straight from the SQLite driver: decoding a million rows through
    /// `Decodable` costs several seconds that reading the values directly does not.
    ///
    /// SQLite pages by rowid, the table's own order: a sequential read, where paging by the
    /// ID index would fetch every row from a random place in the table.
    private func readPeople(afterRowID: Int, on lite: any SQLiteDatabase) async throws -> (rows: [PersonRow], lastRowID: Int) {
        let text = """
            SELECT rowid, id, id_number, name, township_code, village_code, resettlement_type, move_completed_on, status, bank_name,
            card_number FROM people WHERE rowid > ? ORDER BY rowid LIMIT \(Self.pageSize)
            """
        let rows = try await lite.query(text, [.integer(afterRowID)])
        var last = afterRowID
        var people: [PersonRow] = []
        people.reserveCapacity(rows.count)
        for row in rows {
            guard let idText = row.column("id")?.string, let id = UUID(uuidString: idText) else {
                throw ResettleError.conflict("移民库中有无效的记录编号")
            }
            people.append(PersonRow(
                id: id, idNumber: row.column("id_number")?.string ?? "", name: row.column("name")?.string ?? "",
                townshipCode: row.column("township_code")?.string ?? "", villageCode: row.column("village_code")?.string ?? "",
                type: row.column("resettlement_type")?.string ?? "", moveCompletedOn: row.column("move_completed_on")?.string,
                status: row.column("status")?.string ?? "", bankName: row.column("bank_name")?.string,
                cardNumber: row.column("card_number")?.string))
            last = row.column("rowid")?.integer ?? last
        }
        return (people, last)
    }

    /// The Core decision for one person. A register row the rules cannot place (an unreadable
    /// ID, a 原迁 person without a move date) is not paid: it appears among the exclusions as
    /// outside the window, where a clerk sees it, instead of stopping the whole roll.
    func decide(_ p: PersonRow, period: PaymentPeriod, schedule: PolicySchedule, timelines: PersonTimelines) -> EligibilityDecision {
        guard let id = try? ResidentID(validating: p.idNumber) else { return .ineligible(.outsideWindow) }
        let status = PersonStatus(rawValue: p.status) ?? .pending
        let card = p.cardNumber?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let facts = try? PersonFacts(
            residentID: id, resettlementType: ResettlementType(rawValue: p.type) ?? .existing,
            moveCompleted: p.moveCompletedOn.flatMap(CivilDate.init(parsing:)),
            timeline: timelines.timeline(person: p.id, currentStatus: status), hasPaymentAccount: !card.isEmpty)
        else { return .ineligible(.outsideWindow) }
        return (try? Eligibility.evaluate(facts, for: period, schedule: schedule)) ?? .ineligible(.outsideWindow)
    }

    private func lineRow(
        rollID: UUID, seq: Int, person: PersonRow, fen: Int64, kind: PaymentRollLine.Kind, forPeriod: String, reissueCase: UUID?
    ) -> [BulkValue] {
        [
            .uuid(rollID), .int(Int64(seq)), .uuid(person.id), .text(person.townshipCode), .text(person.villageCode),
            .text(person.idNumber), .text(person.name), .optionalText(person.bankName), .text(person.cardNumber ?? ""),
            .int(fen), .text(kind.rawValue), .text(forPeriod), .optionalUUID(reissueCase),
        ]
    }

    /// Failed payments of earlier periods, paid again in this roll once the person's account
    /// is no longer the one that failed (补发). Re-issues are owed money for a period already
    /// decided, so they do not depend on this period's eligibility.
    private func addReissues(rollID: UUID, period: PaymentPeriod, totals: inout Totals, on tx: any Database) async throws {
        let open = try await ReissueCase.query(on: tx).filter(\.$status == ReissueCase.Status.open.rawValue).sort(\.$idNumber).all()
        guard !open.isEmpty else { return }
        let people = try await Person.query(on: tx).filter(\.$id ~~ open.map(\.personID)).all()
        let byID = Dictionary(people.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        var rows: [[BulkValue]] = []
        for c in open {
            guard c.period != period.label, let p = byID[c.personID], let card = p.cardNumber, !card.isEmpty, card != c.failedCard
            else { continue }
            totals.add(c.amountFen)
            let row = PersonRow(
                id: c.personID, idNumber: p.idNumber, name: p.name, townshipCode: p.townshipCode, villageCode: p.villageCode,
                type: p.resettlementType, moveCompletedOn: p.moveCompletedOn, status: p.status, bankName: p.bankName, cardNumber: card)
            rows.append(lineRow(rollID: rollID, seq: totals.lines, person: row, fen: c.amountFen, kind: .reissue,
                                forPeriod: c.period, reissueCase: c.id))
            c.reissueRollID = rollID
            try await c.update(on: tx)
        }
        let sql = tx as! any SQLDatabase
        try await BulkInsert.run(sql, into: "payment_roll_lines", columns: ["roll_id"] + PaymentRollLine.columns, rows: rows)
    }
}
