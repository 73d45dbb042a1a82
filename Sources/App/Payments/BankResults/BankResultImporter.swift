import Fluent
import FluentPostgresDriver
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit
import SQLiteNIO

/// Imports the bank's result for a locked roll, all-or-nothing: the whole file is checked
/// first and every problem reported; only a clean file is written, in one transaction with
/// its archive copy, its reconciliation against the roll, and the re-issue cases for the
/// payments that failed.
struct BankResultImporter {
    let db: any Database
    let gate: WriteGate
    let actor: String
    /// Told the time of each phase as it ends (`resettle payment result` prints them).
    var onPhase: (@Sendable (String, Double) -> Void)? = nil
    /// Counts rows read, then result lines written: twice the file's rows (the roll's lines
    /// stand in for them until the file is read).
    var progress: JobProgress? = nil

    enum Outcome: Sendable {
        case imported(resultID: UUID, rows: Int, differences: Int, seconds: Double)
        /// The required columns were not all found by name: the user matches them by hand.
        case needsMapping(header: [String], message: String)
        case refused([BankImportIssue], total: Int)
    }

    /// Issues kept for display; the count says how many there were.
    static let issueLimit = 1_000

    /// One checked row of the file.
    struct Row: Sendable {
        var rowNumber: Int
        var record: PaidRecord
        var failureReason: String
        var tradeDate: String
    }

    /// A file read, checked and reconciled against the roll, nothing written yet: what the
    /// preview shows and what `write` stores.
    struct Reading: Sendable {
        var sha256: String
        var content: String
        var rows: [Row]
        var rollLines: [PaymentRollLine]
        var report: ReconciliationReport
        /// Rows the bank paid, and what it paid in all (`PaymentStatusRule.standard`).
        var successCount: Int
        var paidFen: Int64

        init(
            sha256: String, content: String, rows: [Row], rollLines: [PaymentRollLine], report: ReconciliationReport
        ) {
            (self.sha256, self.content, self.rows, self.rollLines, self.report) = (
                sha256, content, rows, rollLines, report
            )
            let rule = PaymentStatusRule.standard
            var (count, fen) = (0, Int64(0))
            for row in rows where rule.isSuccess(row.record.status) {
                count += 1
                fen += row.record.amountFen
            }
            (successCount, paidFen) = (count, fen)
        }

        var failedCount: Int { rows.count - successCount }
    }

    enum ReadOutcome: Sendable {
        case read(Reading)
        case needsMapping(header: [String], message: String)
        case refused([BankImportIssue], total: Int)
    }

    func run(roll: PaymentRoll, data: Data, fileName: String, mapping: [String: String]? = nil) async throws -> Outcome
    {
        let started = Date()
        let clock = PhaseClock(onPhase)
        switch try await read(roll: roll, data: data, fileName: fileName, mapping: mapping, phase: clock.lap) {
        case .needsMapping(let header, let message): return .needsMapping(header: header, message: message)
        case .refused(let issues, let total): return .refused(issues, total: total)
        case .read(let reading):
            return try await write(
                reading, roll: roll, data: data, fileName: fileName, started: started, phase: clock.lap)
        }
    }

    /// Reads and checks the whole file and reconciles it with the roll, writing nothing: the
    /// preview's figures and the import's are the same computation.
    func read(
        roll: PaymentRoll, data: Data, fileName: String, mapping: [String: String]?,
        phase: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> ReadOutcome {
        let rollID = try roll.requireID()
        let sha = Secrets.sha256Hex(data)
        if let refusal = try await refusalBeforeReading(roll: roll, sha256: sha, fileName: fileName) {
            return .refused([refusal], total: 1)
        }
        phase("hash and duplicate check")
        progress?.report(done: 0, total: roll.lineCount * 2)
        // The roll's lines are read on the database's thread while the file is checked here.
        let db = db
        async let linesRead = RollLines.all(rollID: rollID, order: .generated, on: db)
        let rows: [Row]
        switch parse(data, fileName: fileName, mapping: mapping) {
        case .success(let parsed): rows = parsed
        case .failure(.missingColumns(let issue)):
            let header = (try? FileHeader.read(data, fileName: fileName)) ?? []
            guard !header.isEmpty else { return .refused([.file(issue)], total: 1) }
            return .needsMapping(header: header, message: issue.message)
        case .failure(.issues(let issues, let total)):
            return .refused(issues, total: total)
        }

        // The same rows under other bytes (CRLF, GBK, a BOM, XLSX instead of CSV) are the same result.
        let content = BankResultDigest.of(rows.lazy.map(\.record))
        if let earlier = try await Self.earlierImport(rollID: rollID, content: content, on: db) {
            return .refused([Self.sameContent(fileName, earlier)], total: 1)
        }
        phase("read and check file (roll lines read meanwhile)")
        progress?.report(done: rows.count, total: rows.count * 2)
        let rollLines = try await linesRead
        phase("finish reading roll lines")
        let report = Reconciler().reconcile(
            roll: rollLines.map {
                RollRecord(idNumber: $0.id_number, name: $0.name, card: $0.card_number, amountFen: $0.amount_fen)
            },
            paid: rows.map(\.record))
        phase("reconcile")
        return .read(Reading(sha256: sha, content: content, rows: rows, rollLines: rollLines, report: report))
    }

    /// Stores a checked file: its archive copy, the result, its lines and differences and the
    /// re-issue cases, in one audited transaction.
    func write(
        _ reading: Reading, roll: PaymentRoll, data: Data, fileName: String, started: Date,
        phase: @escaping @Sendable (String) -> Void
    ) async throws -> Outcome {
        let rollID = try roll.requireID()
        let (sha, content, rows, rollLines, report) = (
            reading.sha256, reading.content, reading.rows, reading.rollLines, reading.report
        )
        var lineByKey: [String: PaymentRollLine] = [:]
        lineByKey.reserveCapacity(rollLines.count)
        for line in rollLines { lineByKey[ResidentID.comparisonKey(line.id_number)] = line }
        let duplicated = Set(
            report.differences.filter { $0.kind == .duplicateInRoll || $0.kind == .duplicateInPaid }.map(\.idNumber))

        let statusRule = PaymentStatusRule.standard
        var resultLines: [[BulkValue]] = []
        resultLines.reserveCapacity(rows.count)
        var failures: [(PaymentRollLine, Row)] = []
        let resultID = UUID()
        for row in rows {
            let key = ResidentID.comparisonKey(row.record.idNumber)
            let line = lineByKey[key]
            let succeeded = statusRule.isSuccess(row.record.status)
            if !succeeded, let line, !duplicated.contains(key) {
                failures.append((line, row))
            }
            resultLines.append([
                .int(Int64(row.rowNumber)), .text(row.record.idNumber), .text(row.record.name),
                .text(row.record.card), .int(row.record.amountFen), .text(row.record.status), .bool(succeeded),
                .text(row.failureReason), .text(row.tradeDate), .optionalUUID(line?.person_id),
                .optionalText(line?.township_code),
            ])
        }
        let differenceRows: [[BulkValue]] = report.differences.enumerated().map { i, d in
            [.uuid(resultID), .int(Int64(i + 1)), .text(d.kind.rawValue), .text(d.idNumber), .text(d.detail)]
        }
        phase("prepare rows")
        let counts = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.key.rawValue, $0.value) })
        let actor = actor
        let failedCount = reading.failedCount
        let checked = rows.count
        let (successes, paidTotal, lineRows, failedLines) = (
            reading.successCount, reading.paidFen, resultLines, failures
        )
        try await gate.write(on: db) { tx, audit in
            let sql = tx as! any SQLDatabase
            // Checked again under the gate: two uploads of one file at once must not both pass.
            if try await Self.liveImport(sha256: sha, on: tx) != nil {
                throw ResettleError.conflict("\(fileName)：该文件已导入过，同一银行结果不能重复导入")
            }
            if let earlier = try await Self.earlierImport(rollID: rollID, content: content, on: tx) {
                throw ResettleError.conflict(Self.sameContent(fileName, earlier).message)
            }
            try await FileArchive.store(
                data, fileName: fileName, purpose: "bank_result", direction: "in", actor: actor, on: tx)
            let result = BankResult()
            result.id = resultID
            result.rollID = rollID
            result.fileName = fileName
            result.sha256 = sha
            result.contentSHA256 = content
            result.rowCount = checked
            result.successCount = successes
            result.failedCount = failedCount
            result.paidFen = paidTotal
            result.differenceCount = report.differences.count
            result.countsJSON = AuditLog.canonicalJSON(counts)
            result.importedBy = actor
            result.importedAt = Date()
            try await result.create(on: tx)
            phase("archive file")
            // A bulk import on SQLite builds the lines' indexes after the rows are in, when the
            // table does not already hold more rows than this file (the register's rule).
            var suspended: [SQLiteIndexSuspension.Index] = []
            if let lite = sql as? any SQLiteDatabase, lineRows.count >= 20_000 {
                let existing =
                    try await lite.query("SELECT COUNT(*) AS n FROM bank_result_lines").first?.column("n")?.integer ?? 0
                if BulkInsert.rebuildsIndexes(writing: lineRows.count, alongside: existing) {
                    suspended = try await SQLiteIndexSuspension.suspend(on: sql, table: "bank_result_lines")
                }
            }
            try await BulkInsert.run(
                sql, into: "bank_result_lines", fixed: [("result_id", .uuid(resultID))],
                columns: BankResultLine.columns,
                rows: lineRows, progress: progress)
            phase("write result lines")
            try await SQLiteIndexSuspension.restore(suspended, on: sql)
            phase("rebuild result line indexes")
            try await BulkInsert.run(
                sql, into: "reconciliation_differences",
                columns: ["result_id", "seq", "kind", "id_number", "detail"], rows: differenceRows)
            phase("write differences")
            try await ReissueCases.open(for: failedLines, roll: roll, resultID: resultID, actor: actor, on: tx)
            phase("re-issue cases")
            audit.record(
                actor: actor, action: "bank_result.import", entity: "payment_roll", entityID: rollID.uuidString,
                townshipCode: nil,
                before: nil,
                after: [
                    "file": fileName, "sha256": sha, "rows": String(checked), "failed": String(failedCount),
                    "differences": String(report.differences.count),
                ])
        }
        phase("audit and commit")
        return .imported(
            resultID: resultID, rows: checked, differences: report.differences.count,
            seconds: Date().timeIntervalSince(started))
    }

    /// What refuses a file before a row of it is read: a roll not yet locked, or the very same
    /// file imported before. The upload page says it at once, without starting a job.
    func refusalBeforeReading(roll: PaymentRoll, sha256 sha: String, fileName: String) async throws -> BankImportIssue?
    {
        guard roll.isLocked else {
            return BankImportIssue(
                row: 0, column: "", code: .rollNotLocked,
                message: "\(fileName)：\(roll.period)的花名册尚未审批锁定，不能导入银行结果（须先审批，再导出发放文件）")
        }
        if try await Self.liveImport(sha256: sha, on: db) != nil {
            return BankImportIssue(
                row: 0, column: "", code: .duplicateFile,
                message: "\(fileName)：该文件已导入过（SHA-256 \(sha.prefix(12))…相同），同一银行结果不能重复导入")
        }
        return nil
    }

    /// The result of this roll already imported with the same content and not voided, if any.
    static func earlierImport(rollID: UUID, content: String, on db: any Database) async throws -> BankResult? {
        try await BankResult.query(on: db).filter(\.$rollID == rollID).filter(\.$contentSHA256 == content)
            .filter(\.$voidedAt == nil).first()
    }

    /// The result imported from these very bytes and not voided, if any: a voided result's file
    /// stays in the archive, and may be imported again (against the right roll, say).
    static func liveImport(sha256: String, on db: any Database) async throws -> BankResult? {
        try await BankResult.query(on: db).filter(\.$sha256 == sha256).filter(\.$voidedAt == nil).first()
    }

    static func sameContent(_ fileName: String, _ earlier: BankResult) -> BankImportIssue {
        let when = Figures.moment(earlier.importedAt)
        return BankImportIssue(
            row: 0, column: "", code: .duplicateFile,
            message:
                "\(fileName)：内容与\(when)导入的“\(earlier.fileName)”逐行相同（身份证号、姓名、银行卡号、金额、状态一致，仅文件格式或编码不同），同一银行结果不能重复导入")
    }

    enum ParseFailure: Error {
        case missingColumns(TableIssue)
        case issues([BankImportIssue], total: Int)
    }

    /// Reads and checks every row; streams, so a million rows are never held twice.
    func parse(_ data: Data, fileName: String, mapping: [String: String]?) -> Result<[Row], ParseFailure> {
        let specs = mapping.map(BankResultColumns.mapped) ?? BankResultColumns.all
        func index(_ key: String) -> Int? { specs.firstIndex { $0.key == key } }
        let iID = index("id_number")!
        let iName = index("name")!
        let iCard = index("card_number")!
        let iAmount = index("amount_paid")!
        let iStatus = index("status")!
        let iReason = index("failure_reason")
        let iDate = index("trade_date")
        let label = { (i: Int) in BankResultColumns.all.first { $0.key == specs[i].key }!.canonicalName }
        var rows: [Row] = []
        var issues: [BankImportIssue] = []
        var total = 0
        var uncounted = 0
        let progress = progress
        defer { progress?.advance(by: uncounted) }
        func add(_ issue: BankImportIssue) {
            total += 1
            if issues.count < Self.issueLimit { issues.append(issue) }
        }
        do {
            try TableReader.forEachRow(data, fileName: fileName, columns: specs) { (row: TableRow) throws(TableIssue) in
                let r = row.rowNumber
                uncounted += 1
                if uncounted == 1_000 {
                    progress?.advance(by: uncounted)
                    uncounted = 0
                }
                var ok = true
                for i in [iID, iCard] where row.isDamaged(i) {
                    add(
                        BankImportIssue(
                            row: r, column: label(i), code: .damagedNumber,
                            message: "\(fileName) 第\(r)行“\(label(i))”：数字已被 Excel 截断（\(row[i])），请将该列设为文本后重新导出"))
                    ok = false
                }
                let id = row[iID]
                if id.isEmpty {
                    add(
                        BankImportIssue(
                            row: r, column: label(iID), code: .missingValue, message: "\(fileName) 第\(r)行：身份证号为空"))
                    ok = false
                }
                var amount: Int64 = 0
                do throws(MoneyError) {
                    amount = try Money.parseYuan(row[iAmount])
                } catch {
                    add(
                        BankImportIssue(
                            row: r, column: label(iAmount), code: .invalidAmount,
                            message: "\(fileName) 第\(r)行“\(label(iAmount))”：\(error.message)"))
                    ok = false
                }
                let status = row[iStatus]
                if status.isEmpty {
                    add(
                        BankImportIssue(
                            row: r, column: label(iStatus), code: .missingValue,
                            message: "\(fileName) 第\(r)行：状态为空（应为“成功”或“失败”）"))
                    ok = false
                }
                guard ok else { return }
                rows.append(
                    Row(
                        // A name the one-card CSV neutralised (`'=…`) is the roll's name, not another one.
                        rowNumber: r,
                        record: PaidRecord(
                            idNumber: id, name: CSVFormulaGuard.restored(row[iName]), card: row[iCard],
                            amountFen: amount, status: status),
                        failureReason: iReason.map { row[$0] } ?? "", tradeDate: iDate.map { row[$0] } ?? ""))
            }
        } catch {
            if error.code == "missing_column" { return .failure(.missingColumns(error)) }
            return .failure(.issues([.file(error)], total: 1))
        }
        if total > 0 { return .failure(.issues(issues, total: total)) }
        guard !rows.isEmpty else {
            return .failure(
                .issues(
                    [BankImportIssue(row: 0, column: "", code: .noRows, message: "\(fileName)：文件只有表头，没有任何数据行")],
                    total: 1))
        }
        return .success(rows)
    }
}

/// Times the phases of one job, run one after another (possibly across tasks, never at once).
final class PhaseClock: @unchecked Sendable {
    private var mark = Date()
    private let report: (@Sendable (String, Double) -> Void)?

    init(_ report: (@Sendable (String, Double) -> Void)?) { self.report = report }

    @Sendable func lap(_ name: String) {
        let now = Date()
        report?(name, now.timeIntervalSince(mark))
        mark = now
    }
}
