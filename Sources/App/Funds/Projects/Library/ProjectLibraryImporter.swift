import Fluent
import Foundation
import ResettleCore
import ResettleOffice

/// One problem of a project library file: row, column, code and reason.
struct ProjectImportIssue: ImportIssue, Sendable, Hashable {
    var row: Int
    var column: String
    var code: ImportIssueCode
    var message: String
}

/// Imports a township's (or the county's) project library from XLSX or CSV through
/// `TableReader`: every row is checked first and any problem refuses the whole file with the
/// row, column and reason; a clean file is proposed row by row through `ProjectService` in one
/// transaction, so a file is in whole or not at all. The same file twice is refused.
struct ProjectLibraryImporter: Sendable {
    let db: any Database
    let gate: WriteGate
    let user: User

    static let columns: [ColumnSpec] = [
        ColumnSpec(key: "year", names: ["年度"]),
        ColumnSpec(key: "name", names: ["项目名称"]),
        ColumnSpec(key: "township", names: ["乡镇"]),
        ColumnSpec(key: "village", names: ["村"], required: false),
        ColumnSpec(key: "kind", names: ["项目类型", "类型"]),
        ColumnSpec(key: "implementer", names: ["实施单位"]),
        ColumnSpec(key: "beneficiaries", names: ["受益移民人数", "受益移民"], required: false),
        ColumnSpec(key: "resettlement", names: ["移民资金", "移民资金（元）"]),
        ColumnSpec(key: "self_raised", names: ["自筹资金", "自筹资金（元）"], required: false),
        ColumnSpec(key: "other", names: ["其他资金", "其他资金（元）"], required: false),
        ColumnSpec(key: "schedule_start", names: ["计划开工"]),
        ColumnSpec(key: "schedule_end", names: ["计划完工"]),
        ColumnSpec(key: "target", names: ["绩效目标"], required: false),
        ColumnSpec(key: "meeting_on", names: ["议事日期"]),
        ColumnSpec(key: "attendance", names: ["参会人数"]),
        ColumnSpec(key: "decision", names: ["议事决定"]),
        ColumnSpec(key: "notice_start", names: ["公示开始"]),
        ColumnSpec(key: "notice_end", names: ["公示结束"]),
    ]

    enum Outcome: Sendable {
        case imported(count: Int)
        case refused([ProjectImportIssue])
    }

    static let purpose = "project_library"

    func run(data: Data, fileName: String) async throws -> Outcome {
        guard FundsAccess.townshipSteps.contains(user.roleValue) else { throw ResettleError.forbidden }
        if try await FileArchive.exists(sha256: Secrets.sha256Hex(data), purpose: Self.purpose, on: db) {
            return .refused([
                ProjectImportIssue(
                    row: 0, column: "", code: .duplicateFile, message: "\(fileName)：该项目库文件已导入过（SHA-256 相同），不能重复导入")
            ])
        }
        let regions = try await RegionDirectory.load(on: db)
        let kinds = Set(try await FundsTerm.names(.projectKind, on: db))
        let minimumNotice = try await ProjectRules.load(on: db).noticeMinimumDays
        let scope = AccessScope(user: user)
        var proposals: [(row: Int, proposal: ProjectService.Proposal)] = []
        var issues: [ProjectImportIssue] = []
        do {
            try TableReader.forEachRow(data, fileName: fileName, columns: Self.columns) {
                (row: TableRow) throws(TableIssue) in
                var reader = RowReader(row: row, fileName: fileName)
                let proposal = reader.proposal(
                    regions: regions, kinds: kinds, scope: scope, minimumNotice: minimumNotice)
                issues += reader.issues
                if let proposal, reader.issues.isEmpty { proposals.append((row.rowNumber, proposal)) }
            }
        } catch {
            return .refused([
                ProjectImportIssue(
                    row: error.row ?? 0, column: error.column ?? "", code: .fileError,
                    message: "\(error.file)：\(error.message)")
            ])
        }
        if !issues.isEmpty { return .refused(issues) }
        guard !proposals.isEmpty else {
            return .refused([ProjectImportIssue(row: 0, column: "", code: .noRows, message: "\(fileName)：文件中没有项目")])
        }
        let service = ProjectService(db: db, gate: gate, user: user)
        let rows = proposals
        do {
            try await gate.write(on: db) { tx, audit in
                _ = try await FileArchive.keep(
                    data, fileName: fileName, purpose: Self.purpose, direction: "received", actor: user.username, on: tx
                )
                for (row, proposal) in rows {
                    do {
                        _ = try await service.propose(proposal, name: proposal.name, in: tx, audit: audit)
                    } catch let error as ResettleError {
                        throw RowRefused(
                            issue: ProjectImportIssue(
                                row: row, column: "", code: .invalidValue,
                                message: "\(fileName) 第\(row)行：\(error.reason)"))
                    }
                }
            }
        } catch let refused as RowRefused {
            return .refused([refused.issue])
        }
        return .imported(count: rows.count)
    }

    private struct RowRefused: Error {
        var issue: ProjectImportIssue
    }
}

/// Reads one row's cells into a proposal, collecting every problem of the row.
private struct RowReader {
    let row: TableRow
    let fileName: String
    var issues: [ProjectImportIssue] = []

    init(row: TableRow, fileName: String) {
        self.row = row
        self.fileName = fileName
    }

    private func cell(_ key: String) -> String {
        guard let i = ProjectLibraryImporter.columns.firstIndex(where: { $0.key == key }) else { return "" }
        return row[i].trimmingCharacters(in: .whitespaces)
    }

    private func label(_ key: String) -> String {
        ProjectLibraryImporter.columns.first { $0.key == key }?.canonicalName ?? key
    }

    private mutating func fail(_ key: String, _ code: ImportIssueCode, _ reason: String) {
        issues.append(
            ProjectImportIssue(
                row: row.rowNumber, column: label(key), code: code,
                message: "\(fileName) 第\(row.rowNumber)行“\(label(key))”：\(reason)"))
    }

    private mutating func text(_ key: String) -> String {
        let value = cell(key)
        if value.isEmpty && ProjectLibraryImporter.columns.first(where: { $0.key == key })?.required == true {
            fail(key, .missingValue, "不能为空")
        }
        return value
    }

    private mutating func date(_ key: String) -> CivilDate? {
        let value = text(key)
        guard !value.isEmpty else { return nil }
        guard let date = CivilDate(parsing: value) else {
            fail(key, .invalidDate, "“\(value)”不是日期，应如 2022-03-01")
            return nil
        }
        return date
    }

    private mutating func yuan(_ key: String) -> Int64? {
        let value = cell(key)
        if value.isEmpty {
            if ProjectLibraryImporter.columns.first(where: { $0.key == key })?.required == true {
                fail(key, .missingValue, "不能为空")
                return nil
            }
            return 0
        }
        do throws(MoneyError) { return try Money.parseYuan(value) } catch {
            fail(key, .invalidAmount, error.message)
            return nil
        }
    }

    private mutating func count(_ key: String, range: ClosedRange<Int>) -> Int? {
        let value = cell(key)
        if value.isEmpty && ProjectLibraryImporter.columns.first(where: { $0.key == key })?.required == false {
            return 0
        }
        guard let n = Int(value), range.contains(n) else {
            fail(
                key, value.isEmpty ? .missingValue : .invalidValue,
                value.isEmpty ? "不能为空" : "“\(value)”应为\(range.lowerBound)至\(range.upperBound)的整数")
            return nil
        }
        return n
    }

    mutating func proposal(regions: RegionDirectory, kinds: Set<String>, scope: AccessScope, minimumNotice: Int)
        -> ProjectService.Proposal?
    {
        let year = count("year", range: 2000...2199)
        let name = text("name")
        let townshipText = text("township")
        var township: String?
        if !townshipText.isEmpty {
            township = regions.township(townshipText)
            if township == nil {
                fail("township", .unknownRegion, "乡镇“\(townshipText)”不存在")
            } else if let code = township, !scope.allows(townshipCode: code) {
                fail("township", .invalidValue, "只能导入本乡镇的项目")
            }
        }
        let villageText = cell("village")
        var village: String?
        if let township, !villageText.isEmpty {
            village = regions.village(villageText, in: township)
            if village == nil { fail("village", .unknownRegion, "\(regions.name(township))没有“\(villageText)”") }
        }
        let kind = text("kind")
        if !kind.isEmpty && !kinds.contains(kind) { fail("kind", .invalidValue, "“\(kind)”不在项目类型表中") }
        let implementer = text("implementer")
        let beneficiaries = count("beneficiaries", range: 0...1_000_000)
        let resettlement = yuan("resettlement")
        if let r = resettlement, r <= 0 { fail("resettlement", .invalidAmount, "须大于0") }
        let selfRaised = yuan("self_raised")
        let other = yuan("other")
        let start = date("schedule_start")
        let end = date("schedule_end")
        if let start, let end, end < start { fail("schedule_end", .invalidDate, "计划完工早于计划开工") }
        let meeting = date("meeting_on")
        let attendance = count("attendance", range: 1...100_000)
        let decision = text("decision")
        let noticeStart = date("notice_start")
        let noticeEnd = date("notice_end")
        if let noticeStart, let meeting, noticeStart < meeting { fail("notice_start", .invalidDate, "公示应在村民议事之后开始") }
        if let noticeStart, let noticeEnd {
            do throws(ProjectWorkflowError) {
                try ProjectWorkflow.checkNotice(start: noticeStart, end: noticeEnd, minimumDays: minimumNotice)
            } catch {
                fail("notice_end", .invalidDate, error.message)
            }
        }
        guard issues.isEmpty, let year, let township, let beneficiaries, let resettlement, let selfRaised, let other,
            let start, let end, let meeting, let attendance, let noticeStart, let noticeEnd
        else { return nil }
        return ProjectService.Proposal(
            year: year, name: name, townshipCode: township, villageCode: village, kind: kind, implementer: implementer,
            beneficiaries: beneficiaries,
            planned: PlannedInvestment(resettlementFen: resettlement, selfRaisedFen: selfRaised, otherFen: other),
            scheduleStart: start, scheduleEnd: end, performanceTarget: cell("target"), meetingOn: meeting,
            attendance: attendance, decision: decision, noticeStart: noticeStart, noticeEnd: noticeEnd)
    }
}
