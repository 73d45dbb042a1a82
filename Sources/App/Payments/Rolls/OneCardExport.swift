import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit

/// The file for the finance bureau's one-card (一卡通) system: a locked roll as XLSX or CSV with
/// the columns the bureau asks for. Every file sent is archived with its SHA-256.
struct OneCardExport {
    let db: any Database
    let gate: WriteGate
    let actor: String

    static let header = ["序号", "乡镇", "村", "姓名", "身份证号", "银行卡号", "开户银行", "金额", "摘要"]

    enum Format: String, Sendable {
        case xlsx, csv
        case csvGBK = "csv-gbk"

        var fileExtension: String { self == .xlsx ? "xlsx" : "csv" }
        var contentType: String {
            switch self {
            case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .csv: return "text/csv; charset=utf-8"
            case .csvGBK: return "text/csv; charset=gb18030"
            }
        }
    }

    struct File: Sendable {
        var data: Data
        var name: String
        var sha256: String
    }

    func export(roll: PaymentRoll, format: Format) async throws -> File {
        guard roll.isLocked else { throw ResettleError.conflict("花名册审批锁定后才能导出一卡通发放文件") }
        let rollID = try roll.requireID()
        let regions = try await RegionDirectory.load(on: db)
        let lines = try await RollLines.all(rollID: rollID, on: db)
        let data: Data
        switch format {
        case .xlsx:
            let rows: [[XLSXCell]] = lines.enumerated().map { i, l in
                [
                    .integer(Int64(i + 1)), .text(regions.name(l.township_code)), .text(regions.name(l.village_code)),
                    .text(l.name), .text(l.id_number), .text(l.card_number), .text(l.bank_name ?? ""),
                    .fen(l.amount_fen),
                    .text(roll.memo),
                ]
            }
            data = try XLSXWriter.data(sheets: [
                XLSXSheet(
                    name: "\(roll.period)发放", header: Self.header, columnWidths: [8, 12, 12, 10, 22, 24, 16, 12, 10],
                    rows: rows)
            ])
        case .csv, .csvGBK:
            var rows = [Self.header]
            rows.reserveCapacity(lines.count + 1)
            for (i, l) in lines.enumerated() {
                rows.append([
                    String(i + 1), regions.name(l.township_code), regions.name(l.village_code), l.name, l.id_number,
                    l.card_number,
                    l.bank_name ?? "", Money.yuan(l.amount_fen), roll.memo,
                ])
            }
            data = CSVWriter.data(rows: rows, encoding: format == .csv ? .utf8BOM : .gb18030)
        }
        let name = "一卡通发放_\(roll.period).\(format.fileExtension)"
        let actor = actor
        let sha = try await gate.write(on: db) { tx, audit in
            let sha = try await FileArchive.store(
                data, fileName: name, purpose: "onecard_export", direction: "out", actor: actor, on: tx)
            audit.record(
                actor: actor, action: "roll.export", entity: "payment_roll", entityID: rollID.uuidString,
                townshipCode: nil,
                before: nil, after: ["file": name, "sha256": sha, "rows": String(lines.count)])
            return sha
        }
        return File(data: data, name: name, sha256: sha)
    }
}
