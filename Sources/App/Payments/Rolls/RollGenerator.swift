import Fluent
import FluentPostgresDriver
import Foundation
import ResettleCore
import SQLKit
import SQLiteNIO

/// Generates (or regenerates) the draft payment roll of a period from the register.
///
/// One pass over the people (in table order on SQLite, resident-ID order on PostgreSQL), read in
/// keyset pages so memory stays flat at a million people; each person is decided by
/// `Eligibility.evaluate` with their timeline, and lines and exclusions are written in bulk
/// (one JSON text per chunk on SQLite, `BulkInsert` elsewhere). The database reads
/// and writes pages while this task decides the next one (`writeLines`), so the two cores work
/// at once. A bulk generation on SQLite builds the lines' indexes after the rows are in
/// (`suspendLineIndexes`). Everything runs in one transaction
/// behind the write gate: a regeneration replaces the draft's lines completely or not at all,
/// and the same register always gives the same roll.
package struct RollGenerator {
    let db: any Database
    let gate: WriteGate
    let actor: String
    /// Counts people decided, for a job's progress bar.
    var progress: JobProgress? = nil

    /// People read per page. Large enough that the per-query cost vanishes, small enough that a
    /// page of lines is a few megabytes.
    static let pageSize = 20_000

    package struct Outcome: Sendable {
        var roll: PaymentRoll
        package var seconds: Double
        package var peopleRead: Int
        /// Where the time went: reading the register, deciding, writing lines (for `bench roll`).
        package var readSeconds: Double = 0
        package var decideSeconds: Double = 0
        package var writeSeconds: Double = 0
        /// Removing the draft's old lines, and rebuilding the lines' indexes (SQLite bulk generation).
        package var clearSeconds: Double = 0
        package var indexSeconds: Double = 0

        /// The roll's counts, for callers outside the module, which do not see the model.
        package var lineCount: Int { roll.lineCount }
        package var excludedCount: Int { roll.excludedCount }
    }

    /// What can be told before the work starts: a policy covers the period and its roll is
    /// not locked. `generate` checks both again inside its transaction.
    static func check(period: PaymentPeriod, on db: any Database) async throws {
        let schedule = try await PolicyStore.schedule(on: db)
        do { _ = try schedule.policy(for: period) } catch { throw ResettleError.invalidInput(error.message) }
        if let existing = try await liveRoll(of: period, on: db), existing.isLocked {
            throw lockedError(period)
        }
    }

    /// The period's roll, draft or approved; a discarded draft is no longer the period's roll.
    static func liveRoll(of period: PaymentPeriod, on db: any Database) async throws -> PaymentRoll? {
        try await PaymentRoll.query(on: db).filter(\.$period == period.label)
            .filter(\.$status != PaymentRoll.Status.discarded.rawValue).first()
    }

    private static func lockedError(_ period: PaymentPeriod) -> ResettleError {
        .conflict("\(period.chinese)的发放花名册已审批锁定，不能重新生成")
    }

    package func generate(period: PaymentPeriod) async throws -> Outcome {
        let started = Date()
        let schedule = try await PolicyStore.schedule(on: db)
        let policy: PaymentPolicy
        do { policy = try schedule.policy(for: period) } catch { throw ResettleError.invalidInput(error.message) }
        let actor = actor
        let progress = progress
        return try await gate.write(on: db) { tx, audit in
            try await SQLiteCache.enlarged(on: tx as! any SQLDatabase) {
                let sql = tx as! any SQLDatabase
                let existing = try await Self.liveRoll(of: period, on: tx)
                if let existing, existing.isLocked { throw Self.lockedError(period) }
                let before = existing.map(RollSnapshot.init)
                let roll = existing ?? PaymentRoll()
                var mark = Date()
                // Dropped first when they are to be rebuilt, so the draft's old lines go without
                // a million index deletions.
                let suspended = try await suspendLineIndexes(replacing: existing, on: sql)
                if let id = existing?.id {
                    // Draft lines are not money yet: the audit row below keeps the old totals.
                    try await sql.delete(from: "payment_roll_lines").where("roll_id", .equal, SQLBind(id)).run()
                    try await sql.delete(from: "payment_exclusions").where("roll_id", .equal, SQLBind(id)).run()
                    try await ReissueCaseClaims.release(rollID: id, on: sql)
                }
                let clearSeconds = Date().timeIntervalSince(mark)
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
                if let progress { progress.report(done: 0, total: try await Self.peopleCount(on: sql)) }
                var pass = try await writeLines(
                    rollID: rollID, period: period, schedule: schedule, timelines: timelines, on: tx)
                try await addReissues(rollID: rollID, period: period, totals: &pass.totals, on: tx)
                mark = Date()
                try await SQLiteIndexSuspension.restore(suspended, on: sql)
                let indexSeconds = Date().timeIntervalSince(mark)

                roll.lineCount = pass.totals.lines
                roll.totalFen = pass.totals.fen
                roll.excludedCount = pass.totals.excluded
                try await roll.update(on: tx)
                audit.record(
                    actor: actor, action: existing == nil ? "roll.generate" : "roll.regenerate", entity: "payment_roll",
                    entityID: rollID.uuidString, townshipCode: nil, before: before, after: RollSnapshot(roll))
                return Outcome(
                    roll: roll, seconds: Date().timeIntervalSince(started), peopleRead: pass.peopleRead,
                    readSeconds: pass.read,
                    decideSeconds: pass.decide, writeSeconds: pass.write, clearSeconds: clearSeconds,
                    indexSeconds: indexSeconds)
            }
        }
    }

    /// On SQLite, a generation that writes at least as many lines as the other rolls hold (the
    /// first roll, or any roll while there are few) drops the lines' secondary indexes and
    /// builds them again at the end — the register import's rule for its own indexes. With
    /// many rolls kept, rebuilding would cost more than it saves, and the indexes stay.
    private func suspendLineIndexes(replacing existing: PaymentRoll?, on sql: any SQLDatabase) async throws
        -> [SQLiteIndexSuspension.Index]
    {
        guard let lite = sql as? any SQLiteDatabase else { return [] }
        let counts = try await lite.query(
            "SELECT (SELECT COUNT(*) FROM people) AS people, (SELECT COUNT(*) FROM payment_roll_lines) AS lines")
        let people = counts.first?.column("people")?.integer ?? 0
        let others = (counts.first?.column("lines")?.integer ?? 0) - (existing?.lineCount ?? 0)
        guard BulkInsert.rebuildsIndexes(writing: people, alongside: others) else { return [] }
        return try await SQLiteIndexSuspension.suspend(on: sql, table: "payment_roll_lines")
    }

    struct Pass {
        var totals = Totals()
        var peopleRead = 0
        var read = 0.0
        var decide = 0.0
        var write = 0.0
    }

    /// Where the next page of people starts.
    enum Cursor: Sendable {
        case start
        case rowID(Int)
        case idNumber(String)
    }

    /// A page of the register as the database gave it.
    enum Page: Sendable {
        case sqlite([SQLiteRow])
        case rows([PersonRow])

        var count: Int {
            switch self {
            case .sqlite(let rows): return rows.count
            case .rows(let rows): return rows.count
            }
        }
    }

    /// One page of lines and exclusions, ready for the database.
    struct PageWrite: Sendable {
        /// SQLite: (statement, binds) with the rows as JSON, encoded off the database's thread.
        var statements: [(String, [SQLiteData])] = []
        var lines: [[BulkValue]] = []
        var exclusions: [[BulkValue]] = []

        /// SQLite: the lines as JSON texts of `SQLiteJSONInsert.chunk` rows, the roll's constant
        /// columns bound once per statement rather than repeated in every row.
        mutating func encodeForSQLite() {
            let lineColumns = PaymentRollLine.columns.filter { !Self.constantLineColumns.contains($0) }
            let all = ["roll_id"] + PaymentRollLine.columns
            let lineIndexes = all.indices.filter { !Self.constantLineColumns.contains(all[$0]) }
            if let first = lines.first {
                // Every line of a page has the same roll, kind and period (re-issues are written apart).
                let fixed: [(column: String, value: BulkValue)] = [
                    ("roll_id", first[0]), ("kind", first[10]), ("for_period", first[11]),
                    ("reissue_case_id", .optionalUUID(nil)),
                ]
                statements += SQLiteJSONInsert.statements(
                    into: "payment_roll_lines", fixed: fixed, columns: lineColumns,
                    rows: lines.map { row in lineIndexes.map { row[$0] } })
            }
            statements += SQLiteJSONInsert.statements(
                into: "payment_exclusions", columns: ["roll_id"] + PaymentExclusion.columns, rows: exclusions)
            lines = []
            exclusions = []
        }

        /// The columns that are the same on every regular line of a roll (`lineRow`'s positions 0, 10, 11, 12).
        static let constantLineColumns: Set<String> = ["roll_id", "kind", "for_period", "reissue_case_id"]

        func run(on sql: any SQLDatabase) async throws {
            if let lite = sql as? any SQLiteDatabase, !statements.isEmpty {
                for (text, binds) in statements { try await lite.query(text, binds) { _ in } }
                return
            }
            try await BulkInsert.run(
                sql, into: "payment_roll_lines", columns: ["roll_id"] + PaymentRollLine.columns, rows: lines)
            try await BulkInsert.run(
                sql, into: "payment_exclusions", columns: ["roll_id"] + PaymentExclusion.columns, rows: exclusions)
        }
    }

    /// The pass over the register: pages of people read in key order, each decided and its
    /// lines written, with the database and the deciding overlapped. The database runs one
    /// statement at a time in this order — read 1, read 2, write 1, read 3, write 2, … — while
    /// this task decides page n between them; at most two pages of lines wait for the database.
    /// Line numbers follow the reading order, so the same register always gives the same roll.
    private func writeLines(
        rollID: UUID, period: PaymentPeriod, schedule: PolicySchedule, timelines: PersonTimelines, on tx: any Database
    ) async throws -> Pass {
        let sql = tx as! any SQLDatabase
        let lite = sql as? any SQLiteDatabase
        let postgres = lite == nil ? await Self.postgresConnection(tx) : nil
        let logger = tx.logger
        @Sendable func read(_ cursor: Cursor) async throws -> Page {
            if let lite {
                guard case .rowID(let after) = cursor else { return try await Self.readPeople(afterRowID: 0, on: lite) }
                return try await Self.readPeople(afterRowID: after, on: lite)
            }
            let after: String? = if case .idNumber(let id) = cursor { id } else { nil }
            if let postgres { return .rows(try await Self.readPeople(after: after, on: postgres, logger: logger)) }
            return .rows(try await Self.readPeople(after: after, on: sql))
        }
        var pass = Pass()
        var memo = DecisionMemo()
        let queue = DatabaseQueue()
        var writes: [Task<Void, any Error>] = []
        do {
            var nextRead: Task<Page, any Error>? = queue.enqueue { try await read(.start) }
            while let pending = nextRead {
                var mark = Date()
                let page = try await pending.value
                pass.read += Date().timeIntervalSince(mark)
                mark = Date()
                guard page.count > 0 else { break }
                let people = try Self.people(in: page)
                nextRead = nil
                if page.count == Self.pageSize, let last = people.last {
                    let cursor: Cursor = lite != nil ? .rowID(last.rowID) : .idNumber(last.person.idNumber)
                    nextRead = queue.enqueue { try await read(cursor) }
                }
                pass.peopleRead += people.count
                progress?.advance(by: people.count)
                var write = PageWrite()
                write.lines.reserveCapacity(people.count)
                for (_, person) in people {
                    switch memo.decide(
                        person, period: period, schedule: schedule, timelines: timelines, generator: self)
                    {
                    case .eligible(let fen):
                        pass.totals.add(fen)
                        write.lines.append(
                            lineRow(
                                rollID: rollID, seq: pass.totals.lines, person: person, fen: fen, kind: .regular,
                                forPeriod: period.label, reissueCase: nil))
                    case .ineligible(let reason):
                        pass.totals.excluded += 1
                        write.exclusions.append([
                            .uuid(rollID), .uuid(person.id), .text(person.townshipCode), .text(person.villageCode),
                            .text(person.idNumber), .text(person.name), .text(reason.rawValue),
                        ])
                    }
                }
                if lite != nil { write.encodeForSQLite() }
                pass.decide += Date().timeIntervalSince(mark)
                let finished = write
                writes.append(queue.enqueue { try await finished.run(on: sql) })
                if writes.count > 1 {
                    mark = Date()
                    try await writes.removeFirst().value
                    pass.write += Date().timeIntervalSince(mark)
                }
            }
            let mark = Date()
            while !writes.isEmpty { try await writes.removeFirst().value }
            pass.write += Date().timeIntervalSince(mark)
        } catch {
            // Nothing may still run on the transaction's connection once this returns; and the
            // first failed write is the error that matters (PostgreSQL refuses every later
            // statement of an aborted transaction).
            await queue.drain()
            for write in writes { if case .failure(let failure) = await write.result { throw failure } }
            throw error
        }
        return pass
    }

    private struct CountRow: Decodable { let n: Int }

    private static func peopleCount(on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM people").first(decoding: CountRow.self)?.n ?? 0
    }

    /// The connection of a PostgreSQL transaction, for reading with the driver's own decoding.
    private static func postgresConnection(_ tx: any Database) async -> PostgresConnection? {
        guard let pg = tx as? any PostgresDatabase else { return nil }
        return try? await pg.withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
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
    /// sorting), through SQLKit: for a database other than SQLite and PostgreSQL.
    private static func readPeople(after: String?, on sql: any SQLDatabase) async throws -> [PersonRow] {
        var query = sql.select()
            .columns(
                "id", "id_number", "name", "township_code", "village_code", "resettlement_type", "move_completed_on",
                "status",
                "bank_name", "card_number"
            )
            .from("people")
        if let after { query = query.where("id_number", .greaterThan, SQLBind(after)) }
        let rows = try await query.orderBy("id_number").limit(Self.pageSize).all()
        var people: [PersonRow] = []
        people.reserveCapacity(rows.count)
        for row in rows {
            people.append(
                PersonRow(
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

    /// PostgreSQL: the same page decoded by the driver itself (`PostgresDecodable`), which is
    /// several times faster than SQLKit's `Decodable` rows at a million people.
    private static func readPeople(after: String?, on connection: PostgresConnection, logger: Logger) async throws
        -> [PersonRow]
    {
        let columns =
            "id, id_number, name, township_code, village_code, resettlement_type, move_completed_on, status, bank_name, card_number"
        let query: PostgresQuery =
            if let after {
                "SELECT \(unescaped: columns) FROM people WHERE id_number > \(after) ORDER BY id_number LIMIT \(Self.pageSize)"
            } else {
                "SELECT \(unescaped: columns) FROM people ORDER BY id_number LIMIT \(Self.pageSize)"
            }
        let rows = try await connection.query(query, logger: logger)
        var people: [PersonRow] = []
        people.reserveCapacity(Self.pageSize)
        for try await (id, idNumber, name, township, village, type, moved, status, bank, card) in rows.decode(
            (UUID, String, String, String, String, String, String?, String, String?, String?).self)
        {
            people.append(
                PersonRow(
                    id: id, idNumber: idNumber, name: name, townshipCode: township, villageCode: village, type: type,
                    moveCompletedOn: moved, status: status, bankName: bank, cardNumber: card))
        }
        return people
    }

    /// SQLite pages by rowid, the table's own order: a sequential read, where paging by the
    /// ID index would fetch every row from a random place in the table. The rows are turned into
    /// `PersonRow`s by `people(in:)`, off the database's thread.
    private static func readPeople(afterRowID: Int, on lite: any SQLiteDatabase) async throws -> Page {
        let text = """
            SELECT rowid, id, id_number, name, township_code, village_code, resettlement_type, move_completed_on, status, bank_name,
            card_number FROM people WHERE rowid > ? ORDER BY rowid LIMIT \(Self.pageSize)
            """
        return .sqlite(try await lite.query(text, [.integer(afterRowID)]))
    }

    /// The people of a page, each with its SQLite rowid (0 elsewhere). Values straight from the
    /// SQLite driver: decoding a million rows through `Decodable` costs seconds that this does not.
    private static func people(in page: Page) throws -> [(rowID: Int, person: PersonRow)] {
        switch page {
        case .rows(let rows):
            return rows.map { (0, $0) }
        case .sqlite(let rows):
            var people: [(rowID: Int, person: PersonRow)] = []
            people.reserveCapacity(rows.count)
            for row in rows {
                guard let idText = row.column("id")?.string, let id = UUID(uuidString: idText) else {
                    throw ResettleError.conflict("移民库中有无效的记录编号")
                }
                people.append(
                    (
                        row.column("rowid")?.integer ?? 0,
                        PersonRow(
                            id: id, idNumber: row.column("id_number")?.string ?? "",
                            name: row.column("name")?.string ?? "",
                            townshipCode: row.column("township_code")?.string ?? "",
                            villageCode: row.column("village_code")?.string ?? "",
                            type: row.column("resettlement_type")?.string ?? "",
                            moveCompletedOn: row.column("move_completed_on")?.string,
                            status: row.column("status")?.string ?? "", bankName: row.column("bank_name")?.string,
                            cardNumber: row.column("card_number")?.string)
                    ))
            }
            return people
        }
    }

    /// `decide` remembered for the people it depends on only through a few fields: everyone
    /// without a status event (nearly all), whose decision is a function of type, move date,
    /// current status and whether there is an account. The resident ID is still validated for
    /// each person. People with events are decided one by one.
    struct DecisionMemo {
        struct Key: Hashable {
            var type: String
            var moveCompletedOn: String?
            var status: String
            var hasAccount: Bool
        }

        private var decisions: [Key: EligibilityDecision] = [:]

        mutating func decide(
            _ p: PersonRow, period: PaymentPeriod, schedule: PolicySchedule, timelines: PersonTimelines,
            generator: RollGenerator
        ) -> EligibilityDecision {
            guard !timelines.hasEvents(person: p.id) else {
                return generator.decide(p, period: period, schedule: schedule, timelines: timelines)
            }
            guard (try? ResidentID(validating: p.idNumber)) != nil else { return .ineligible(.outsideWindow) }
            let key = Key(
                type: p.type, moveCompletedOn: p.moveCompletedOn, status: p.status,
                hasAccount: RollGenerator.hasAccount(p))
            if let known = decisions[key] { return known }
            let decision = generator.decide(p, period: period, schedule: schedule, timelines: timelines)
            decisions[key] = decision
            return decision
        }
    }

    static func hasAccount(_ p: PersonRow) -> Bool {
        guard let card = p.cardNumber else { return false }
        return !card.trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// The Core decision for one person. A register row the rules cannot place (an unreadable
    /// ID, a 原迁 person without a move date) is not paid: it appears among the exclusions as
    /// outside the window, where a clerk sees it, instead of stopping the whole roll.
    func decide(_ p: PersonRow, period: PaymentPeriod, schedule: PolicySchedule, timelines: PersonTimelines)
        -> EligibilityDecision
    {
        guard let id = try? ResidentID(validating: p.idNumber) else { return .ineligible(.outsideWindow) }
        let status = PersonStatus(rawValue: p.status) ?? .pending
        guard
            let facts = try? PersonFacts(
                residentID: id, resettlementType: ResettlementType(rawValue: p.type) ?? .existing,
                moveCompleted: p.moveCompletedOn.flatMap(CivilDate.init(parsing:)),
                timeline: timelines.timeline(person: p.id, currentStatus: status), hasPaymentAccount: Self.hasAccount(p)
            )
        else { return .ineligible(.outsideWindow) }
        return (try? Eligibility.evaluate(facts, for: period, schedule: schedule)) ?? .ineligible(.outsideWindow)
    }

    private func lineRow(
        rollID: UUID, seq: Int, person: PersonRow, fen: Int64, kind: PaymentRollLine.Kind, forPeriod: String,
        reissueCase: UUID?
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
    ///
    /// A case is paid by one roll only: this roll takes it with a conditional update that
    /// succeeds only while no roll holds it (this draft's own claims were released above, so a
    /// regeneration takes them again), and a case another draft holds is left to that draft.
    /// Even two generations racing on different connections cannot both claim a case, and the
    /// unique index on the lines' (case, attempt) refuses a second line whatever writes it.
    private func addReissues(rollID: UUID, period: PaymentPeriod, totals: inout Totals, on tx: any Database)
        async throws
    {
        let open = try await ReissueCase.query(on: tx).filter(\.$status == ReissueCase.Status.open.rawValue)
            .filter(\.$reissueRollID == nil).sort(\.$idNumber).all()
        guard !open.isEmpty else { return }
        let people = try await Person.query(on: tx).filter(\.$id ~~ open.map(\.personID)).all()
        let byID = Dictionary(people.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        let due = open.filter { c in
            guard c.period != period.label, let p = byID[c.personID], let card = p.cardNumber, !card.isEmpty else {
                return false
            }
            return card != c.failedCard
        }
        let claimed = try await claim(due.compactMap(\.id), rollID: rollID, on: tx as! any SQLDatabase)
        var rows: [[BulkValue]] = []
        for c in due {
            guard let id = c.id, claimed.contains(id), let p = byID[c.personID], let card = p.cardNumber else {
                continue
            }
            totals.add(c.amountFen)
            let row = PersonRow(
                id: c.personID, idNumber: p.idNumber, name: p.name, townshipCode: p.townshipCode,
                villageCode: p.villageCode,
                type: p.resettlementType, moveCompletedOn: p.moveCompletedOn, status: p.status, bankName: p.bankName,
                cardNumber: card)
            rows.append(
                lineRow(
                    rollID: rollID, seq: totals.lines, person: row, fen: c.amountFen, kind: .reissue,
                    forPeriod: c.period, reissueCase: id) + [.int(Int64(c.reissueAttempt))])
        }
        let sql = tx as! any SQLDatabase
        try await BulkInsert.run(
            sql, into: "payment_roll_lines", columns: ["roll_id"] + PaymentRollLine.columns + ["reissue_attempt"],
            rows: rows)
    }

    /// Claims for `rollID` those of the cases that no roll holds, and answers which it got.
    private func claim(_ cases: [UUID], rollID: UUID, on sql: any SQLDatabase) async throws -> Set<UUID> {
        var claimed: Set<UUID> = []
        let now = Date()
        for chunk in cases.chunked(into: 1000) {
            let rows = try await sql.update(ReissueCase.schema)
                .set("reissue_roll_id", to: SQLBind(rollID))
                .set("updated_at", to: SQLBind(now))
                .where("id", .in, SQLBind.group(Array(chunk)))
                .where("status", .equal, SQLBind(ReissueCase.Status.open.rawValue))
                .where("reissue_roll_id", .is, SQLLiteral.null)
                .returning("id")
                .all()
            for row in rows { claimed.insert(try row.decode(column: "id", as: UUID.self)) }
        }
        return claimed
    }
}

extension RollGenerator {
    /// The memberwise initializer is internal; this one is for the package's other modules.
    package init(db: any Database, gate: WriteGate, actor: String) {
        self.db = db
        self.gate = gate
        self.actor = actor
    }
}
