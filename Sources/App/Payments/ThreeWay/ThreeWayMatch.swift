import Fluent
import Foundation
import ResettleCore
import SQLKit

/// Our roll, the bank's result and the provincial system's payee list, compared pairwise with
/// the Core `Reconciler`. The office's goal is that all three agree (完全匹配): every pair with
/// zero differences.
struct ThreeWayMatch: Sendable {
    struct Pair: Sendable {
        var label: String
        var counts: [ReconciliationDifference.Kind: Int]
        var total: Int
    }

    /// What each source says about one resident ID that differs somewhere.
    struct Row: Sendable {
        var idNumber: String
        var roll: String
        var bank: String
        var province: String
    }

    var pairs: [Pair]
    var rows: [Row]
    var differingIDs: Int
    var allAgree: Bool

    /// Rows of the side-by-side table kept for display.
    static let rowLimit = 500

    static func compare(roll: PaymentRoll, result: BankResult, province: ProvincialList, on db: any Database)
        async throws -> ThreeWayMatch
    {
        let sql = db as! any SQLDatabase
        let rollRecords = try await RollLines.all(rollID: roll.requireID(), on: db).map {
            RollRecord(idNumber: $0.id_number, name: $0.name, card: $0.card_number, amountFen: $0.amount_fen)
        }
        let bank = try await sql.select().columns("id_number", "name", "card_number", "amount_fen", "status").from(
            "bank_result_lines"
        )
        .where("result_id", .equal, SQLBind(result.requireID())).orderBy("row_number").all(decoding: BankRow.self)
        .map {
            PaidRecord(
                idNumber: $0.id_number, name: $0.name, card: $0.card_number, amountFen: $0.amount_fen, status: $0.status
            )
        }
        let provincial = try await sql.select().columns("id_number", "name", "card_number", "amount_fen").from(
            "provincial_list_lines"
        )
        .where("list_id", .equal, SQLBind(province.requireID())).orderBy("row_number").all(decoding: ProvinceRow.self)
        // The province's list says who should be paid, not whether they were: its rows count as paid.
        let provincePaid = provincial.map {
            PaidRecord(
                idNumber: $0.id_number, name: $0.name, card: $0.card_number, amountFen: $0.amount_fen, status: "成功")
        }
        let provinceAsRoll = provincial.map {
            RollRecord(idNumber: $0.id_number, name: $0.name, card: $0.card_number, amountFen: $0.amount_fen)
        }

        let reconciler = Reconciler()
        let reports = [
            ("花名册 ↔ 银行结果", reconciler.reconcile(roll: rollRecords, paid: bank)),
            ("花名册 ↔ 省级系统", reconciler.reconcile(roll: rollRecords, paid: provincePaid)),
            ("省级系统 ↔ 银行结果", reconciler.reconcile(roll: provinceAsRoll, paid: bank)),
        ]
        let pairs = reports.map { Pair(label: $0.0, counts: $0.1.counts, total: $0.1.differences.count) }
        let ids = Set(reports.flatMap { $0.1.differences.map(\.idNumber) }).sorted()

        func describe(_ records: [(String, String)]) -> [String: String] {
            var byKey: [String: [String]] = [:]
            for (id, text) in records { byKey[ResidentID.comparisonKey(id), default: []].append(text) }
            return byKey.mapValues { $0.joined(separator: "；") }
        }
        let wanted = Set(ids.prefix(rowLimit))
        let rollText = describe(
            rollRecords.filter { wanted.contains(ResidentID.comparisonKey($0.idNumber)) }
                .map { ($0.idNumber, "\($0.name) \($0.card) \(Money.yuan($0.amountFen))") })
        let bankText = describe(
            bank.filter { wanted.contains(ResidentID.comparisonKey($0.idNumber)) }
                .map { ($0.idNumber, "\($0.name) \($0.card) \(Money.yuan($0.amountFen)) \($0.status)") })
        let provinceText = describe(
            provincial.filter { wanted.contains(ResidentID.comparisonKey($0.id_number)) }
                .map { ($0.id_number, "\($0.name) \($0.card_number) \(Money.yuan($0.amount_fen))") })
        let rows = ids.prefix(rowLimit).map { id in
            Row(idNumber: id, roll: rollText[id] ?? "—", bank: bankText[id] ?? "—", province: provinceText[id] ?? "—")
        }
        return ThreeWayMatch(
            pairs: pairs, rows: rows, differingIDs: ids.count, allAgree: pairs.allSatisfy { $0.total == 0 })
    }

    private struct BankRow: Decodable {
        var id_number: String
        var name: String
        var card_number: String
        var amount_fen: Int64
        var status: String
    }

    private struct ProvinceRow: Decodable {
        var id_number: String
        var name: String
        var card_number: String
        var amount_fen: Int64
    }
}
