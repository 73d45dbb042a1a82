import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit

/// Imports the provincial system's payee list for a roll's period, all-or-nothing, with the
/// same refusals as a bank result: missing columns, bad amounts, blank IDs, an empty file, the
/// same file twice.
struct ProvincialListImporter {
    let db: any Database
    let gate: WriteGate
    let actor: String

    static let columns: [ColumnSpec] = [
        BankResultColumns.idNumber, BankResultColumns.name, BankResultColumns.cardNumber,
        ColumnSpec(key: "amount", names: ["金额", "发放金额", "补助金额", "amount"]),
    ]

    enum Outcome: Sendable {
        case imported(ProvincialList)
        case refused([BankImportIssue], total: Int)
    }

    func run(roll: PaymentRoll, data: Data, fileName: String) async throws -> Outcome {
        let rollID = try roll.requireID()
        let sha = Secrets.sha256Hex(data)
        if try await FileArchive.exists(sha256: sha, purpose: "provincial_list", on: db) {
            return .refused(
                [
                    BankImportIssue(
                        row: 0, column: "", code: .duplicateFile,
                        message: "\(fileName)：该省级系统名单已导入过（SHA-256 相同），不能重复导入")
                ], total: 1)
        }
        var records: [(Int, RollRecord)] = []
        var issues: [BankImportIssue] = []
        var total = 0
        func add(_ issue: BankImportIssue) {
            total += 1
            if issues.count < BankResultImporter.issueLimit { issues.append(issue) }
        }
        do {
            try TableReader.forEachRow(data, fileName: fileName, columns: Self.columns) {
                (row: TableRow) throws(TableIssue) in
                let r = row.rowNumber
                var ok = true
                for i in [0, 2] where row.isDamaged(i) {
                    add(
                        BankImportIssue(
                            row: r, column: Self.columns[i].canonicalName, code: .damagedNumber,
                            message: "\(fileName) 第\(r)行“\(Self.columns[i].canonicalName)”：数字已被 Excel 截断（\(row[i])）"))
                    ok = false
                }
                if row[0].isEmpty {
                    add(
                        BankImportIssue(
                            row: r, column: "身份证号", code: .missingValue, message: "\(fileName) 第\(r)行：身份证号为空"))
                    ok = false
                }
                var amount: Int64 = 0
                do throws(MoneyError) {
                    amount = try Money.parseYuan(row[3])
                } catch {
                    add(
                        BankImportIssue(
                            row: r, column: "金额", code: .invalidAmount,
                            message: "\(fileName) 第\(r)行“金额”：\(error.message)"))
                    ok = false
                }
                if ok {
                    records.append((r, RollRecord(idNumber: row[0], name: row[1], card: row[2], amountFen: amount)))
                }
            }
        } catch {
            return .refused([.file(error)], total: 1)
        }
        if total > 0 { return .refused(issues, total: total) }
        guard !records.isEmpty else {
            return .refused(
                [BankImportIssue(row: 0, column: "", code: .noRows, message: "\(fileName)：文件只有表头，没有任何数据行")], total: 1)
        }
        let list = ProvincialList()
        list.id = UUID()
        list.rollID = rollID
        list.fileName = fileName
        list.sha256 = sha
        list.rowCount = records.count
        list.importedBy = actor
        list.importedAt = Date()
        let listID = list.id!
        let rows: [[BulkValue]] = records.map { r, rec in
            [.uuid(listID), .int(Int64(r)), .text(rec.idNumber), .text(rec.name), .text(rec.card), .int(rec.amountFen)]
        }
        let actor = actor
        let rowCount = records.count
        try await gate.write(on: db) { tx, audit in
            if try await FileArchive.exists(sha256: sha, purpose: "provincial_list", on: tx) {
                throw ResettleError.conflict("\(fileName)：该省级系统名单已导入过")
            }
            try await FileArchive.store(
                data, fileName: fileName, purpose: "provincial_list", direction: "in", actor: actor, on: tx)
            try await list.create(on: tx)
            try await BulkInsert.run(
                tx as! any SQLDatabase, into: "provincial_list_lines",
                columns: ["list_id", "row_number", "id_number", "name", "card_number", "amount_fen"], rows: rows)
            audit.record(
                actor: actor, action: "provincial_list.import", entity: "payment_roll", entityID: rollID.uuidString,
                townshipCode: nil, before: nil, after: ["file": fileName, "sha256": sha, "rows": String(rowCount)])
        }
        return .imported(list)
    }
}
