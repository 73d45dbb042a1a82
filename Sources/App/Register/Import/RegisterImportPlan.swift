import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit

/// The checked content of a register file and how to write it.
///
/// A file is read twice. The first pass checks every row and keeps only what the checks of later
/// rows and the database need: each resident ID once, as 8 bytes (`ResidentID.packed`), the
/// households the file creates, and the heads its members name. The second pass (`write`) reads
/// the file again and writes the people batch by batch as they are checked once more, so a
/// million checked people are never held at once.
struct RegisterImportPlan: Sendable {
    typealias Issue = RegisterImportReport.RowIssue

    struct NewPerson: Sendable {
        var row: Int
        var idNumber: ResidentID
        var name: String
        var sex: Sex
        var relation: HouseholdRelation
        var headIDNumber: String
        var townshipCode: String
        var villageCode: String
        var groupCode: String?
        var reservoirName: String
        var type: ResettlementType
        var moveCompleted: CivilDate?
        var window: SupportWindow
        var bankName: String?
        var cardNumber: String?
        var phone: String?
    }

    struct NewHousehold: Sendable {
        var id: UUID
        var head: UInt64
        var townshipCode: String
        var villageCode: String
        var groupCode: String?
    }

    /// Where a head of household in the file lives: where the household is placed.
    private struct HeadPlace: Sendable {
        var townshipCode: String
        var villageCode: String
        var groupCode: String?
    }

    let columns: [ColumnSpec]
    let regions: RegionDirectory
    var reservoirIDs: [String: UUID]

    /// The people of the batch just checked (a part's only); the whole file's are not kept.
    private(set) var people: [NewPerson] = []
    /// People in the file that passed every check.
    private(set) var personCount = 0
    private(set) var newHouseholds: [NewHousehold] = []
    private(set) var newReservoirNames: [String] = []
    private(set) var newGroups: [String: String] = [:]
    private(set) var errors: [Issue] = []
    private(set) var warnings: [Issue] = []
    /// The row of each person that passed, by packed resident ID: their IDs are looked up in the
    /// register, and a later row with the same ID is a duplicate.
    private var rowOfPerson: [UInt64: Int32] = [:]
    /// The first row of a valid resident ID on a row that failed another check: a later row with
    /// the same ID is still a duplicate.
    private var firstRowOfFailedID: [UInt64: Int32] = [:]
    /// The heads of the households this file creates: rows "户主" that passed every check.
    private var headsInFile: [UInt64: HeadPlace] = [:]
    /// The head each member names, with the member's row, until `finish` sorts out which heads
    /// are in the file and which must already be in the database.
    private var memberHeads: [(head: UInt64, row: Int32)] = []
    /// Heads named by rows whose household is not in this file: must already be in the database.
    private var headsToFind: [UInt64: [Int32]] = [:]
    /// Rows with errors that may be a head of household ("户主", or a relation that could not be
    /// read), under the resident IDs a member would name them by. A member naming one is told to
    /// correct that row: the head is in the file, and saying it is missing would send the clerk
    /// looking for a row they can see.
    private var failedHeadRows: [UInt64: Int] = [:]
    /// The household of each head: new ones from `finish`, existing ones from `checkExisting`.
    private(set) var householdOfHead: [UInt64: UUID] = [:]
    /// Gives households, then people, ordered record ids: the primary keys are appended to.
    private var recordIDs = OrderedUUIDGenerator()
    /// Advanced by each row checked and each person written (a job's progress bar).
    var progress: JobProgress?
    /// The people the register held when the file was checked against it (`checkExisting`).
    private(set) var registeredBefore = 0

    /// `columns`: the table's columns in the order its rows' cells come in.
    init(columns: [ColumnSpec], regions: RegionDirectory, knownReservoirs: [String: UUID]) {
        self.columns = columns
        self.regions = regions
        self.reservoirIDs = knownReservoirs
    }

    private func column(_ spec: ColumnSpec) -> String { spec.names[0] }

    private mutating func error(_ row: Int, _ spec: ColumnSpec, _ code: RegisterImportReport.Code, _ message: String) {
        errors.append(Issue(row: row, column: column(spec), code: code, message: message))
    }

    /// Checks one batch of rows, in file order after the batches before it, and keeps what the
    /// checks of later rows and the database need; the batch's people are not kept. Runs on the
    /// calling thread (and one more for the second half of a large batch): call it off the
    /// server's request threads.
    mutating func check(_ rows: ArraySlice<TableRow>) {
        for part in checkedParts(rows, counted: true) { absorb(part) }
    }

    /// The second pass: the people of a batch of a file in which `check` found no error, in file
    /// order. The progress bar is not moved: the rows were counted as checked the first time.
    func recheck(_ rows: ArraySlice<TableRow>) -> [NewPerson] {
        checkedParts(rows, counted: false).flatMap(\.people)
    }

    /// A batch checked on plans of its own that start empty, in file order. A large batch is
    /// checked in two halves at once: the checks are pure per row, and duplicates against
    /// earlier rows are found as each part is taken in.
    private func checkedParts(_ rows: ArraySlice<TableRow>, counted: Bool) -> [RegisterImportPlan] {
        var blank = RegisterImportPlan(columns: columns, regions: regions, knownReservoirs: reservoirIDs)
        blank.progress = counted ? progress : nil
        guard rows.count >= 20_000 else {
            var part = blank
            part.checkRows(rows)
            return [part]
        }
        let middle = rows.startIndex + rows.count / 2
        let halves = [rows[..<middle], rows[middle...]]
        let parts = [PartBox(blank), PartBox(blank)]
        DispatchQueue.concurrentPerform(iterations: 2) { i in parts[i].plan.checkRows(halves[i]) }
        return parts.map(\.plan)
    }

    /// One half's plan, written by the one thread that checks that half.
    private final class PartBox: @unchecked Sendable {
        var plan: RegisterImportPlan
        init(_ plan: RegisterImportPlan) { self.plan = plan }
    }

    /// Once every row is checked: gives each head in the file a household, and sorts the heads
    /// the members name into those in the file, those whose own row failed, and those that must
    /// already be in the database.
    mutating func finish() {
        for (head, place) in headsInFile.sorted(by: { $0.key < $1.key }) {
            let id = recordIDs.next()
            householdOfHead[head] = id
            newHouseholds.append(
                NewHousehold(
                    id: id, head: head, townshipCode: place.townshipCode, villageCode: place.villageCode,
                    groupCode: place.groupCode))
        }
        for (head, row) in memberHeads where headsInFile[head] == nil {
            if let headRow = failedHeadRows[head] {
                errors.append(
                    Issue(
                        row: Int(row), column: column(RegisterColumns.headIDNumber), code: .headRowHasErrors,
                        message: "户主所在第\(headRow)行有错误，改正该行后本行可导入"))
            } else {
                headsToFind[head, default: []].append(row)
            }
        }
        memberHeads = []
        headsInFile = [:]
    }

    /// Takes in a part checked on its own, as if this plan had checked its rows next.
    private mutating func absorb(_ part: RegisterImportPlan) {
        errors += part.errors
        warnings += part.warnings
        for person in part.people {
            let key = person.idNumber.packed
            if let first = rowOfPerson[key] ?? firstRowOfFailedID[key] {
                errors.append(
                    Issue(
                        row: person.row, column: column(RegisterColumns.idNumber), code: .duplicateIDInFile,
                        message: "身份证号\(person.idNumber.value)与第\(first)行重复"))
                continue
            }
            rowOfPerson[key] = Int32(person.row)
            personCount += 1
            if person.relation == .head {
                headsInFile[key] = HeadPlace(
                    townshipCode: person.townshipCode, villageCode: person.villageCode, groupCode: person.groupCode)
            } else {
                memberHeads.append((ResidentID.packed(normalized: person.headIDNumber), Int32(person.row)))
            }
        }
        for (id, row) in part.firstRowOfID where rowOfPerson[id] == nil && firstRowOfFailedID[id] == nil {
            firstRowOfFailedID[id] = row
        }
        failedHeadRows.merge(part.failedHeadRows) { first, _ in first }
        newGroups.merge(part.newGroups) { first, _ in first }
        for name in part.newReservoirNames where reservoirIDs[name] == nil {
            reservoirIDs[name] = part.reservoirIDs[name]
            newReservoirNames.append(name)
        }
    }

    /// A part's first row of each valid resident ID it saw, whether or not the row passed.
    private var firstRowOfID: [UInt64: Int32] = [:]

    private mutating func checkRows(_ rows: ArraySlice<TableRow>) {
        let C = RegisterColumns.self
        // Cells come aligned with the column specs, so a column's position is fixed: no lookup per cell.
        let position = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.key, $0) })
        let iID = position[C.idNumber.key]!
        let iName = position[C.name.key]!
        let iSex = position[C.sex.key]!
        let iRelation = position[C.relation.key]!
        let iHead = position[C.headIDNumber.key]!
        let iTownship = position[C.township.key]!
        let iVillage = position[C.village.key]!
        let iGroup = position[C.group.key]!
        let iReservoir = position[C.reservoir.key]!
        let iType = position[C.type.key]!
        let iMove = position[C.moveCompleted.key]!
        let iBank = position[C.bankName.key]!
        let iCard = position[C.cardNumber.key]!
        let iPhone = position[C.phone.key]!
        people.reserveCapacity(rows.count)

        // The job's counts move in steps of a thousand rows: one lock per row would cost more than the check.
        var uncounted = 0
        defer { progress?.advance(by: uncounted) }
        for row in rows {
            uncounted += 1
            if uncounted == 1_000 {
                progress?.advance(by: uncounted)
                uncounted = 0
            }
            let r = row.rowNumber
            let errorCountBefore = errors.count

            // Excel turns an 18-digit ID typed as a number into 4.30582E+17: the digits are gone
            // and must not be guessed back.
            for (spec, i) in [(C.idNumber, iID), (C.headIDNumber, iHead), (C.cardNumber, iCard)]
            where !row.damagedCells.isEmpty {
                if row.isDamaged(i) {
                    error(
                        r, spec, spec == C.cardNumber ? .invalidValue : .invalidID,
                        "“\(column(spec))”被 Excel 存成了数字（\(row[i])），后几位已丢失，请把该列设为文本后重新录入")
                }
            }
            if errors.count > errorCountBefore {
                noteFailedHeadRow(row, relation: iRelation, ids: [iID, iHead])
                continue
            }

            // Resident ID: normalised before any comparison.
            var id: ResidentID?
            let rawID = row[iID]
            if rawID.isEmpty {
                error(r, C.idNumber, .missingValue, "身份证号不能为空")
            } else {
                do {
                    let valid = try ResidentID(validating: rawID)
                    if let first = firstRowOfID[valid.packed] {
                        error(r, C.idNumber, .duplicateIDInFile, "身份证号\(valid.value)与第\(first)行重复")
                    } else {
                        firstRowOfID[valid.packed] = Int32(r)
                        id = valid
                    }
                } catch {
                    self.error(r, C.idNumber, .invalidID, error.message)
                }
            }

            let name = row[iName]
            if name.isEmpty { error(r, C.name, .missingValue, "姓名不能为空") }

            var sex = id?.sex ?? .male
            let sexText = row[iSex]
            if !sexText.isEmpty {
                if let given = Sex(chinese: sexText) {
                    if let id, given != id.sex {
                        error(r, C.sex, .sexMismatch, "性别“\(sexText)”与身份证号所示性别“\(id.sex.chinese)”不符")
                    }
                    sex = given
                } else {
                    error(r, C.sex, .invalidValue, "性别应填“男”或“女”，实际为“\(sexText)”")
                }
            }

            var relation: HouseholdRelation?
            let relationText = row[iRelation]
            if relationText.isEmpty {
                error(r, C.relation, .missingValue, "与户主关系不能为空")
            } else if let parsed = HouseholdRelation(chinese: relationText) {
                relation = parsed
            } else {
                error(r, C.relation, .invalidValue, "无法识别的与户主关系“\(relationText)”（可填：户主、配偶、子女、父母、孙子女等）")
            }

            var headID: String?
            let rawHead = row[iHead]
            if rawHead.isEmpty {
                error(r, C.headIDNumber, .missingValue, "户主身份证号不能为空")
            } else {
                do {
                    headID = try ResidentID(validating: rawHead).value
                } catch {
                    self.error(r, C.headIDNumber, .invalidID, "户主" + error.message)
                }
            }
            if relation == .head, let headID, let id, headID != id.value {
                error(r, C.headIDNumber, .invalidValue, "与户主关系为“户主”时，户主身份证号应与本人身份证号相同")
            }

            var townshipCode: String?
            var villageCode: String?
            let townshipText = row[iTownship]
            if townshipText.isEmpty {
                error(r, C.township, .missingValue, "乡镇不能为空")
            } else if let code = regions.township(townshipText) {
                townshipCode = code
            } else {
                error(r, C.township, .unknownRegion, "系统中没有乡镇“\(townshipText)”，请先导入行政区划")
            }
            let villageText = row[iVillage]
            if villageText.isEmpty {
                error(r, C.village, .missingValue, "村不能为空")
            } else if let townshipCode {
                if let code = regions.village(villageText, in: townshipCode) {
                    villageCode = code
                } else {
                    error(r, C.village, .unknownRegion, "\(regions.name(townshipCode))没有村“\(villageText)”")
                }
            }
            var groupCode: String?
            let groupText = row[iGroup]
            if !groupText.isEmpty, let villageCode {
                if let code = RegionDirectory.groupCode(groupText, village: villageCode) {
                    groupCode = code
                } else {
                    error(r, C.group, .invalidValue, "组应填数字，如“3”或“3组”，实际为“\(groupText)”")
                }
            }

            let reservoir = row[iReservoir]
            if reservoir.isEmpty { error(r, C.reservoir, .missingValue, "水库不能为空") }

            var type: ResettlementType?
            let typeText = row[iType]
            if typeText.isEmpty {
                error(r, C.type, .missingValue, "移民类型不能为空")
            } else if let parsed = ResettlementType(chinese: typeText) {
                type = parsed
            } else {
                error(r, C.type, .invalidValue, "移民类型应填“现状”或“原迁”，实际为“\(typeText)”")
            }
            var moveCompleted: CivilDate?
            let moveText = row[iMove]
            if !moveText.isEmpty {
                if let date = CivilDate(parsing: moveText) {
                    moveCompleted = date
                } else {
                    error(r, C.moveCompleted, .invalidDate, "搬迁完成日期“\(moveText)”不是有效日期（如 2008-05-20）")
                }
            } else if type == .relocated {
                error(r, C.moveCompleted, .missingValue, "移民类型为原迁时，搬迁完成日期不能为空")
            }

            var card: String?
            let cardText = row[iCard]
            if !cardText.isEmpty {
                switch BankCard.check(cardText) {
                case .valid(let digits): card = digits
                case .luhnFailed(let digits):
                    card = digits
                    warnings.append(
                        Issue(
                            row: r, column: column(C.cardNumber), code: .cardCheckFailed,
                            message: "银行卡号\(digits)未通过校验（存折账号可忽略此提示），请核对"))
                case .invalid:
                    error(r, C.cardNumber, .invalidValue, "银行卡号应为12至19位数字，实际为“\(cardText)”")
                }
            }
            let phone = row[iPhone]
            if !phone.isEmpty, !phone.allSatisfy({ $0.isNumber || $0 == "-" || $0 == " " }) || phone.count > 20 {
                error(r, C.phone, .invalidValue, "联系电话只能包含数字和“-”，实际为“\(phone)”")
            }

            if errors.count > errorCountBefore {
                noteFailedHeadRow(row, relation: iRelation, ids: [iID, iHead])
                continue
            }
            guard let id, let relation, let headID, let townshipCode, let villageCode,
                let type, let window = SupportWindow.standard(type: type, moveCompleted: moveCompleted)
            else { continue }
            if let groupCode, regions.byCode[groupCode] == nil, newGroups[groupCode] == nil {
                newGroups[groupCode] = "\(Int(groupCode.suffix(3)) ?? 0)组"
            }
            if reservoirIDs[reservoir] == nil {
                reservoirIDs[reservoir] = UUID()
                newReservoirNames.append(reservoir)
            }
            let bank = row[iBank]
            people.append(
                NewPerson(
                    row: r, idNumber: id, name: name, sex: sex, relation: relation, headIDNumber: headID,
                    townshipCode: townshipCode, villageCode: villageCode, groupCode: groupCode,
                    reservoirName: reservoir,
                    type: type, moveCompleted: moveCompleted, window: window, bankName: bank.isEmpty ? nil : bank,
                    cardNumber: card, phone: phone.isEmpty ? nil : phone))
        }
    }

    /// Remembers a row with errors that may be a head of household, under the IDs it gives that
    /// can be read (its own, and the head ID it names, which for a head is the same person).
    private mutating func noteFailedHeadRow(_ row: TableRow, relation: Int, ids: [Int]) {
        let given = HouseholdRelation(chinese: row[relation])
        guard given == nil || given == .head else { return }
        for i in ids where !row.isDamaged(i) {
            if let id = try? ResidentID(validating: row[i]), failedHeadRows[id.packed] == nil {
                failedHeadRows[id.packed] = row.rowNumber
            }
        }
    }

    /// IDs already registered, and heads that must already have a household, are looked up in
    /// chunks: one query per thousand rows, not one per row.
    mutating func checkExisting(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        // An empty register (a first import) has nothing to collide with: skip the lookups.
        let registered = try await sql.raw("SELECT COUNT(*) AS n FROM people").first(decoding: CountRow.self)?.n ?? 0
        registeredBefore = registered
        var existing: [Issue] = []
        for chunk in (registered == 0 ? [] : Array(rowOfPerson.keys)).chunked(into: 1000) {
            let rows = try await sql.select().column("id_number").from("people")
                .where(SQLIdentifier("id_number"), .in, SQLBind.group(chunk.map { ResidentID(packed: $0).value }))
                .all(decoding: IDRow.self)
            for row in rows {
                existing.append(
                    Issue(
                        row: Int(rowOfPerson[ResidentID.packed(normalized: row.id_number)] ?? 0),
                        column: column(RegisterColumns.idNumber), code: .idExists,
                        message: "身份证号\(row.id_number)已在移民库中登记"))
            }
        }
        errors += existing.sorted { $0.row < $1.row }
        var found: [UInt64: UUID] = [:]
        for chunk in Array(headsToFind.keys).chunked(into: 1000) {
            let rows = try await sql.select().column("id").column("head_id_number").from("households")
                .where(SQLIdentifier("head_id_number"), .in, SQLBind.group(chunk.map { ResidentID(packed: $0).value }))
                .all(decoding: HouseholdRow.self)
            for row in rows { found[ResidentID.packed(normalized: row.head_id_number)] = row.id }
        }
        for (head, rows) in headsToFind.sorted(by: { $0.value[0] < $1.value[0] }) {
            if let id = found[head] {
                householdOfHead[head] = id
            } else {
                let text = ResidentID(packed: head).value
                for row in rows {
                    errors.append(
                        Issue(
                            row: Int(row), column: column(RegisterColumns.headIDNumber), code: .headNotFound,
                            message: "户主\(text)既不在本文件中（与户主关系为“户主”的行），也不在移民库中"))
                }
            }
        }
    }

    private struct IDRow: Decodable { let id_number: String }
    private struct HouseholdRow: Decodable {
        let id: UUID
        let head_id_number: String
    }

    /// Writes everything with multi-row INSERTs (`BulkInsert`): a statement carries a thousand
    /// rows, which is what makes 1,000,000 rows a matter of seconds rather than minutes. The
    /// people come from reading `data` a second time (see the type's comment).
    /// `additions`: the request to file for each person (who is then 待审批), or nil for a first
    /// load, whose people are 在册 at once (`RegisterImportFiling`).
    /// `pages`: the mapped file `data` comes from, handed back batch by batch.
    func write(
        on db: any Database, rereading data: Data, fileName: String, additions: ImportedAdditions?,
        pages: MappedFile? = nil
    ) async throws {
        // The connection's own page cache (64 MiB, `DatabaseChoice`) and no larger one
        // (`SQLiteCache`, as the roll takes): the people are appended in record order and the
        // index builds of a bulk load sort in temporary files beyond the cache. Measured at a
        // million rows, 128 MiB was no faster (43-55 s against 41 s) and added its size to the
        // peak memory (README, Speed).
        try await writeRows(
            on: db as! any SQLDatabase, rereading: data, fileName: fileName, additions: additions, pages: pages)
    }

    private func writeRows(
        on sql: any SQLDatabase, rereading data: Data, fileName: String, additions: ImportedAdditions?,
        pages: MappedFile?
    ) async throws {
        let now = Date()
        // The second reading starts at once: it first scans the whole file (its encoding), which
        // brings every page of a mapped file back into memory until its first batch hands them
        // back; done while the households are written, that is before the page cache has filled.
        let batches = RegisterRereading(of: self, data: data, fileName: fileName, pages: pages)
        defer { batches.stop() }
        for (code, name) in newGroups.sorted(by: { $0.key < $1.key }) {
            try await sql.insert(into: "regions").columns("code", "name", "level", "parent_code")
                .values(
                    SQLBind(code), SQLBind(name), SQLBind(RegionLevel.group.rawValue), SQLBind(String(code.prefix(12)))
                )
                .run()
        }
        for name in newReservoirNames {
            try await sql.insert(into: "reservoirs").columns("id", "name", "created_at")
                .values(SQLBind(reservoirIDs[name]!), SQLBind(name), SQLBind(now)).run()
        }
        // Made a chunk at a time, as the people are: a third of a million households held as
        // rows of values at once would outweigh everything else the import keeps.
        let households = newHouseholds
        try await BulkInsert.run(
            sql, into: "households",
            columns: ["id", "head_id_number", "township_code", "village_code", "group_code", "created_at"],
            count: households.count,
            row: { i in
                let h = households[i]
                return [
                    .uuid(h.id), .text(ResidentID(packed: h.head).value), .text(h.townshipCode), .text(h.villageCode),
                    .optionalText(h.groupCode), .date(now),
                ]
            })
        // A bulk load (a county's first register, a provincial data set) rebuilds the search
        // indexes after the rows are in; a small import keeps them and inserts into them.
        let rebuildIndexes = BulkInsert.rebuildsIndexes(writing: personCount, alongside: registeredBefore)
        var suspendedKeys: [PostgresForeignKeys.Constraint] = []
        if rebuildIndexes {
            try await PeopleIndexes.drop(on: sql)
            suspendedKeys = try await PostgresForeignKeys.suspend(on: sql, table: "people")
        }
        let reservoirIDs = reservoirIDs
        let householdOfHead = householdOfHead
        let status = (additions == nil ? PersonStatus.active : .pending).rawValue
        var recordIDs = recordIDs
        for try await people in batches {
            let ids = people.map { _ in recordIDs.next() }
            try await BulkInsert.run(
                sql, into: "people",
                columns: [
                    "id", "id_number", "id_reversed", "name", "sex", "birth_date", "relation", "household_id",
                    "township_code", "village_code", "group_code", "reservoir_id", "resettlement_type",
                    "move_completed_on", "support_start", "support_end", "status", "status_effective", "bank_name",
                    "card_number", "phone", "created_at", "updated_at",
                ],
                count: people.count,
                row: { i in
                    let p = people[i]
                    return [
                        .uuid(ids[i]), .text(p.idNumber.value), .text(String(p.idNumber.value.reversed())),
                        .text(p.name), .text(p.sex.rawValue), .text(p.idNumber.birthDate.iso),
                        .text(p.relation.rawValue),
                        .uuid(householdOfHead[ResidentID.packed(normalized: p.headIDNumber)]!),
                        .text(p.townshipCode), .text(p.villageCode), .optionalText(p.groupCode),
                        .uuid(reservoirIDs[p.reservoirName]!), .text(p.type.rawValue),
                        .optionalText(p.moveCompleted?.iso), .text(p.window.start.iso), .text(p.window.end.iso),
                        .text(status), .optionalText(nil), .optionalText(p.bankName), .optionalText(p.cardNumber),
                        .optionalText(p.phone), .date(now), .date(now),
                    ]
                }, progress: progress)
            if let additions {
                let requestIDs = people.map { _ in recordIDs.next() }
                try await BulkInsert.run(
                    sql, into: "change_requests", columns: ImportedAdditions.columns, count: people.count,
                    row: { i in
                        additions.row(
                            id: requestIDs[i], personID: ids[i], townshipCode: people[i].townshipCode, now: now)
                    })
            }
        }
        if rebuildIndexes {
            try await PostgresForeignKeys.restore(suspendedKeys, on: sql, table: "people")
            try await PeopleIndexes.create(on: sql)
        }
    }

    private struct CountRow: Decodable { let n: Int }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
