import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit

/// Imports division codes from a `代码,名称` file. The level follows from the code's length and
/// the parent from its prefix; a parent must exist already or come in the same file.
/// All-or-nothing like every import; a renamed region is updated and audited.
struct RegionImporter {
    let db: any Database
    let gate: WriteGate
    let actor: String

    struct Report: Sendable {
        var errors: [RegisterImportReport.RowIssue] = []
        var added = 0
        var renamed = 0
        var unchanged = 0
    }

    static let columns = [
        ColumnSpec(key: "code", names: ["代码", "区划代码", "code"]),
        ColumnSpec(key: "name", names: ["名称", "name"]),
    ]

    func run(data: Data, fileName: String) async throws -> Report {
        var report = Report()
        let table: ResettleOffice.Table
        do {
            table = try TableReader.read(data, fileName: fileName, columns: Self.columns)
        } catch {
            report.errors.append(RegisterImportReport.fileIssue(error))
            return report
        }
        let existing = try await RegionDirectory.load(on: db)
        var incoming: [(RegionCode, String)] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let codeText = row[0]
            let name = row[1]
            guard let code = RegionCode(codeText) else {
                report.errors.append(
                    .init(
                        row: row.rowNumber, column: "代码", code: .invalidValue,
                        message: "区划代码“\(codeText)”应为6、9、12或15位数字"))
                continue
            }
            if name.isEmpty {
                report.errors.append(.init(row: row.rowNumber, column: "名称", code: .missingValue, message: "名称不能为空"))
                continue
            }
            if let first = seen[code.value] {
                report.errors.append(
                    .init(
                        row: row.rowNumber, column: "代码", code: .invalidValue, message: "代码\(code.value)与第\(first)行重复"))
                continue
            }
            seen[code.value] = row.rowNumber
            incoming.append((code, name))
        }
        for (code, _) in incoming {
            if let parent = code.parent, existing.byCode[parent.value] == nil, seen[parent.value] == nil {
                report.errors.append(
                    .init(row: seen[code.value]!, column: "代码", code: .unknownRegion, message: "上级区划\(parent.value)不存在")
                )
            }
        }
        guard report.errors.isEmpty else { return report }
        let incomingSorted = incoming.sorted(by: { $0.0.value.count < $1.0.value.count })
        let actor = actor
        let (added, renamed, unchanged) = try await gate.write(on: db) { tx, audit -> (Int, Int, Int) in
            var added = 0
            var renamed = 0
            var unchanged = 0
            let sql = tx as! any SQLDatabase
            // Parents first, so references hold at every step.
            for (code, name) in incomingSorted {
                if let old = existing.byCode[code.value] {
                    if old.name == name {
                        unchanged += 1
                    } else {
                        try await sql.update("regions").set("name", to: SQLBind(name)).where(
                            "code", .equal, SQLBind(code.value)
                        ).run()
                        audit.record(
                            actor: actor, action: "region.rename", entity: "region", entityID: code.value,
                            townshipCode: nil,
                            before: ["name": old.name], after: ["name": name])
                        renamed += 1
                    }
                } else {
                    try await sql.insert(into: "regions").columns("code", "name", "level", "parent_code")
                        .values(
                            SQLBind(code.value), SQLBind(name), SQLBind(code.level.rawValue),
                            SQLBind(code.parent?.value)
                        )
                        .run()
                    added += 1
                }
            }
            if added > 0 {
                audit.record(
                    actor: actor, action: "region.import", entity: "file", entityID: Secrets.sha256Hex(data),
                    townshipCode: nil,
                    before: nil, after: ["file": fileName, "added": String(added)])
            }
            return (added, renamed, unchanged)
        }
        report.added = added
        report.renamed = renamed
        report.unchanged = unchanged
        return report
    }
}
