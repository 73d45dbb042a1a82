import Fluent
import Foundation
import ResettleCore
import SQLKit

/// The printed roll (花名册), paginated on the server: Chromium cannot number pages or add up a
/// page in CSS, so the roll is cut into sheets of a fixed number of rows, each its own block
/// with its page subtotal and 第x页 共y页, the village's total on its last sheet and the grand
/// total on the last. Each village starts a new sheet. Rows go by 组 (village group), then
/// household (in the order the roll first meets it), the head of household first.
///
/// Two versions: the one for signatures, with full ID and card numbers, which says it is not
/// to be posted; and the one for public posting (公示), with both masked.
enum RollPrint {
    /// Rows on one A4 landscape sheet, with room for a signature in each.
    static let rowsPerSheet = 15

    /// Where a payee sits in the register now: group and household, for ordering and the 户主
    /// column. A payee no longer on the register prints with the group and head left empty.
    struct Placement: Sendable {
        var groupCode: String?
        var householdID: UUID
        var headIDNumber: String
        var headName: String?
    }

    static func placements(of personIDs: [UUID], on db: any Database) async throws -> [UUID: Placement] {
        let sql = db as! any SQLDatabase
        var found: [UUID: Placement] = [:]
        for chunk in Array(Set(personIDs)).chunked(into: 500) {
            let rows = try await sql.raw(
                """
                SELECT p.id AS person_id, p.household_id AS household_id, p.group_code AS group_code,
                h.head_id_number AS head_id_number, hp.name AS head_name
                FROM people p JOIN households h ON h.id = p.household_id
                LEFT JOIN people hp ON hp.id_number = h.head_id_number
                WHERE p.id IN (\(binds: Array(chunk)))
                """
            ).all()
            for row in rows {
                found[try row.decode(column: "person_id", as: UUID.self)] = Placement(
                    groupCode: try row.decode(column: "group_code", as: String?.self),
                    householdID: try row.decode(column: "household_id", as: UUID.self),
                    headIDNumber: try row.decode(column: "head_id_number", as: String.self),
                    headName: try row.decode(column: "head_name", as: String?.self))
            }
        }
        return found
    }

    /// The lines in print order: by township, village, group, household, head first, then as generated.
    static func ordered(_ lines: [PaymentRollLine], placements: [UUID: Placement]) -> [PaymentRollLine] {
        var householdOrder: [UUID: Int] = [:]
        for line in lines.sorted(by: { $0.seq < $1.seq }) {
            guard let household = placements[line.person_id]?.householdID else { continue }
            if householdOrder[household] == nil { householdOrder[household] = line.seq }
        }
        func key(_ l: PaymentRollLine) -> (String, String, String, Int, Int, Int) {
            let p = placements[l.person_id]
            let household = p.flatMap { householdOrder[$0.householdID] } ?? l.seq
            let isHead = p?.headIDNumber == l.id_number ? 0 : 1
            return (l.township_code, l.village_code, p?.groupCode ?? "", household, isHead, l.seq)
        }
        return lines.sorted { key($0) < key($1) }
    }

    static func model(
        roll: PaymentRoll, lines: [PaymentRollLine], placements: [UUID: Placement], regions: RegionDirectory,
        notice: Bool, scopeName: String, townships: [RollPrintModel.TownshipLink]
    ) -> RollPrintModel {
        let ordered = ordered(lines, placements: placements)
        var villages: [[PaymentRollLine]] = []
        for line in ordered {
            if let last = villages.last?.last, last.township_code == line.township_code,
                last.village_code == line.village_code
            {
                villages[villages.count - 1].append(line)
            } else {
                villages.append([line])
            }
        }
        var sheets: [RollPrintModel.Sheet] = []
        var grandPeople = 0
        var grandFen: Int64 = 0
        for village in villages {
            let villageFen = village.reduce(Int64(0)) { $0 + $1.amount_fen }
            var index = 0
            for chunk in village.chunked(into: rowsPerSheet) {
                let rows = chunk.map { l -> RollPrintModel.Row in
                    index += 1
                    let p = placements[l.person_id]
                    return .init(
                        number: index, group: p?.groupCode.map { regions.name($0) } ?? "",
                        head: p?.headName ?? "", name: l.name,
                        idNumber: notice ? PublicNoticeMask.residentID(l.id_number) : l.id_number,
                        card: notice ? PublicNoticeMask.card(l.card_number) : l.card_number,
                        amount: Figures.yuan(l.amount_fen),
                        note: l.kindValue == .reissue ? "补发\(Figures.period(l.for_period))" : "")
                }
                let fen = chunk.reduce(Int64(0)) { $0 + $1.amount_fen }
                let first = chunk[chunk.startIndex]
                sheets.append(
                    .init(
                        township: regions.name(first.township_code), village: regions.name(first.village_code),
                        number: 0, rows: rows, subtotalPeople: Figures.count(chunk.count),
                        subtotal: Figures.yuan(fen), villageTotal: nil, grandTotal: nil))
            }
            sheets[sheets.count - 1].villageTotal = (Figures.count(village.count), Figures.yuan(villageFen))
            grandPeople += village.count
            grandFen += villageFen
        }
        for i in sheets.indices { sheets[i].number = i + 1 }
        if !sheets.isEmpty {
            sheets[sheets.count - 1].grandTotal = (Figures.count(grandPeople), Figures.yuan(grandFen))
        }
        let period = roll.periodValue?.chinese ?? roll.period
        return RollPrintModel(
            title: "\(period)水库移民后期扶持资金发放花名册" + (notice ? "（公示）" : ""), period: period,
            status: roll.statusValue.chinese, draft: !roll.isLocked, notice: notice, scopeName: scopeName,
            sheets: sheets, people: Figures.count(grandPeople), total: Figures.yuan(grandFen), townships: townships)
    }
}

/// Masks for the roll posted in public (公示): enough of each number for a payee to know their
/// own line, not enough to use it. `430521194507061783` → `430521********1783`; a card keeps its
/// first six digits (its bank) and last four, or its first four when shorter than 16.
enum PublicNoticeMask {
    static func residentID(_ id: String) -> String {
        let chars = Array(id)
        guard chars.count > 10 else { return String(repeating: "*", count: max(chars.count - 4, 0)) + id.suffix(4) }
        return String(chars.prefix(6)) + String(repeating: "*", count: chars.count - 10) + String(chars.suffix(4))
    }

    static func card(_ card: String) -> String {
        let chars = Array(card.filter { $0 != " " })
        guard chars.count > 8 else { return String(repeating: "*", count: max(chars.count - 4, 0)) + chars.suffix(4) }
        let keep = chars.count >= 16 ? 6 : 4
        return String(chars.prefix(keep)) + String(repeating: "*", count: chars.count - keep - 4)
            + String(chars.suffix(4))
    }
}
