import Fluent
import Foundation
import ResettleCore
import SQLKit

/// The stored differences of a result as a clerk reads them: the kind in words, the person's
/// name, township and village, a link to the person's page, and the detail in words. The
/// person is the roll line's, else the register's (a payee missing from the roll may still be
/// registered), else only the name the bank gave. A person outside the user's township scope
/// shows as the ID alone.
struct ReconciliationRow: Sendable {
    var kind: String
    var kindLabel: String
    var idNumber: String
    var personID: UUID?
    var name: String
    var township: String
    var village: String
    var detail: String
    var detailText: String

    /// The column headers of the page and of the XLSX export, in this order.
    static let headers = ["类别", "姓名", "身份证号", "乡镇", "村", "说明"]

    static func kindLabel(_ raw: String) -> String { ReconciliationDifference.Kind(rawValue: raw)?.chinese ?? raw }

    /// `count=2`, `amount=150.00`, `roll=…|paid=…`, `status=失败` in words.
    static func describe(kind: String, detail: String) -> String {
        func value(_ key: String) -> String? {
            for part in detail.split(separator: "|", omittingEmptySubsequences: false) {
                if part.hasPrefix(key + "=") { return String(part.dropFirst(key.count + 1)) }
            }
            return nil
        }
        if let count = value("count") { return "出现 \(count) 次" }
        if let status = value("status") { return "银行状态：\(status)" }
        if let amount = value("amount") {
            return kind == ReconciliationDifference.Kind.paidNotInRoll.rawValue
                ? "银行实发 \(amount) 元" : "花名册应发 \(amount) 元"
        }
        if let roll = value("roll"), let paid = value("paid") {
            let unit = kind == ReconciliationDifference.Kind.amountMismatch.rawValue ? " 元" : ""
            return "花名册：\(roll)\(unit)；银行：\(paid)\(unit)"
        }
        return detail
    }

    static func rows(
        _ stored: [ReconciliationQuery.Row], result: BankResult, scope: AccessScope, regions: RegionDirectory,
        on db: any Database
    ) async throws -> [ReconciliationRow] {
        let keys = Array(Set(stored.map(\.id_number)))
        struct Who {
            var personID: UUID?
            var name: String
            var townshipCode: String?
            var villageCode: String?
        }
        var who: [String: Who] = [:]
        let sql = db as! any SQLDatabase
        struct LineRow: Decodable {
            var id_number: String
            var person_id: UUID
            var name: String
            var township_code: String
            var village_code: String
        }
        for chunk in keys.chunked(into: 500) {
            let lines = try await sql.select().columns(
                "id_number", "person_id", "name", "township_code", "village_code"
            )
            .from("payment_roll_lines").where("roll_id", .equal, SQLBind(result.rollID))
            .where("id_number", .in, SQLBind.group(Array(chunk))).all(decoding: LineRow.self)
            for l in lines {
                who[ResidentID.comparisonKey(l.id_number)] = Who(
                    personID: l.person_id, name: l.name, townshipCode: l.township_code, villageCode: l.village_code)
            }
        }
        let unknown = keys.filter { who[$0] == nil }
        for chunk in unknown.chunked(into: 500) {
            for p in try await Person.query(on: db).filter(\.$idNumber ~~ Array(chunk)).all() {
                who[ResidentID.comparisonKey(p.idNumber)] = Who(
                    personID: p.id, name: p.name, townshipCode: p.townshipCode, villageCode: p.villageCode)
            }
        }
        struct BankRow: Decodable {
            var id_number: String
            var name: String
        }
        let stillUnknown = keys.filter { who[$0] == nil }
        for chunk in stillUnknown.chunked(into: 500) {
            let lines = try await sql.select().columns("id_number", "name").from("bank_result_lines")
                .where("result_id", .equal, SQLBind(result.requireID()))
                .where("id_number", .in, SQLBind.group(Array(chunk))).all(decoding: BankRow.self)
            for l in lines where who[ResidentID.comparisonKey(l.id_number)] == nil {
                who[ResidentID.comparisonKey(l.id_number)] = Who(
                    personID: nil, name: l.name + "（银行户名）", townshipCode: nil, villageCode: nil)
            }
        }
        return stored.map { d in
            var row = ReconciliationRow(
                kind: d.kind, kindLabel: kindLabel(d.kind), idNumber: d.id_number, personID: nil, name: "",
                township: "", village: "", detail: d.detail, detailText: describe(kind: d.kind, detail: d.detail))
            if let w = who[d.id_number] {
                // A person of a township the user may not see is named by ID only.
                if let code = w.townshipCode, !scope.allows(townshipCode: code) { return row }
                if w.townshipCode == nil && scope.townshipCode != nil { return row }
                row.personID = w.personID
                row.name = w.name
                row.township = regions.name(w.townshipCode)
                row.village = regions.name(w.villageCode)
            }
            return row
        }
    }
}
