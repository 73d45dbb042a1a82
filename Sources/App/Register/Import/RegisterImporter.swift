import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit

/// Imports a register file all-or-nothing: every row is checked first and every problem
/// reported; only a file with no errors is written, in one transaction, in batches.
package struct RegisterImporter {
    let db: any Database
    let gate: WriteGate
    let actor: String
    /// Counts rows checked, then people written: twice the file's rows in all (the second
    /// reading of the file is not counted again).
    var progress: JobProgress?
    /// Who may build the register and who files the additions of a later import.
    var filing: RegisterImportFiling

    package init(db: any Database, gate: WriteGate, actor: String, filing: RegisterImportFiling = .onServer) {
        self.db = db
        self.gate = gate
        self.actor = actor
        self.filing = filing
    }

    /// Reads, validates and (if valid) writes. Never throws for a bad file: the report says why.
    package func run(data: Data, fileName: String) async throws -> RegisterImportReport {
        try await run(data: data, fileName: fileName, pages: nil)
    }

    /// `run` on a mapped file, whose pages are handed back after each batch of either reading
    /// and once the file has been hashed: a file of a million rows then costs a batch's bytes of
    /// memory rather than its size (`MappedFile`).
    package func run(file: MappedFile, fileName: String) async throws -> RegisterImportReport {
        try await run(data: file.data, fileName: fileName, pages: file)
    }

    private func run(data: Data, fileName: String, pages: MappedFile?) async throws -> RegisterImportReport {
        let started = Date()
        var report = RegisterImportReport(fileName: fileName)
        let regions = try await RegionDirectory.load(on: db)
        let reservoirs = try await loadReservoirs()
        let progress = progress
        // Rows checked, then people written: until the file is read, its lines stand in for its rows.
        progress?.report(done: 0, total: Self.estimatedRows(data) * 2)
        // Read and checked in batches off the server's request threads; the rows of a batch are
        // dropped once checked, so a million-row file is never held as a table.
        let read: Result<(RegisterImportPlan, TableSummary), TableIssue> = await withCheckedContinuation { done in
            DispatchQueue.global(qos: .userInitiated).async {
                done.resume(
                    returning: Self.readAndCheck(
                        data, fileName: fileName, regions: regions, reservoirs: reservoirs, progress: progress,
                        pages: pages))
            }
        }
        let plan: RegisterImportPlan
        switch read {
        case .failure(let issue):
            report.errors.append(RegisterImportReport.fileIssue(issue))
            return report
        case .success(let (checked, summary)):
            plan = checked
            report.rowCount = summary.rowCount
            report.headerRowNumber = summary.headerRowNumber
            report.format = summary.format
            progress?.setTotal(summary.rowCount * 2)
        }
        report.phases.append(("read and check", Date().timeIntervalSince(started)))
        // From here on other writes wait: what the register holds is checked and written in one
        // transaction, so no one can register an ID of this file in between.
        let sha = Secrets.sha256Hex(data)
        pages?.releasePages()
        let (actor, filing) = (actor, filing)
        let fromFile = plan
        let (checked, refusal, additions): (RegisterImportPlan, RegisterImportReport.RowIssue?, ImportedAdditions?) =
            try await gate.write(on: db) {
                tx, audit in
                var plan = fromFile
                try await plan.checkExisting(on: tx)
                guard plan.errors.isEmpty else { return (plan, nil, nil) }
                if let refusal = filing.refusal(registered: plan.registeredBefore) { return (plan, refusal, nil) }
                let additions = filing.requests(registered: plan.registeredBefore)
                try await plan.write(on: tx, rereading: data, fileName: fileName, additions: additions, pages: pages)
                try await FileArchive.store(
                    data, fileName: fileName, purpose: "register_import", direction: "in", actor: actor, on: tx,
                    pages: pages)
                audit.record(
                    actor: actor, action: additions == nil ? "register.import" : "register.import.additions",
                    entity: "file", entityID: sha, townshipCode: nil, before: nil,
                    after: ImportAudit(
                        fileName: fileName, sha256: sha, people: plan.personCount,
                        households: plan.newHouseholds.count, newReservoirs: plan.newReservoirNames,
                        noticeStart: additions?.notice.start.iso, noticeEnd: additions?.notice.end.iso))
                return (plan, nil, additions)
            }
        report.errors = checked.errors + (refusal.map { [$0] } ?? [])
        report.warnings = checked.warnings
        report.newReservoirs = checked.newReservoirNames
        report.additionNotice = additions?.notice
        guard report.errors.isEmpty else {
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
        let (people, households) = (checked.personCount, checked.newHouseholds.count)
        report.phases.append(
            (
                "check against the register and write",
                Date().timeIntervalSince(started) - report.phases.map(\.seconds).reduce(0, +)
            ))
        report.peopleWritten = people
        report.householdsWritten = households
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Rows in a batch: large enough for the two halves to pay, small enough not to matter.
    static let batchRows = 50_000
    /// Rows in a batch of the second pass, written while the next is checked: two of them are
    /// held at once, beside the rows of the first pass's plan, so smaller than the first pass's
    /// while still large enough to be checked in two halves (`RegisterImportPlan.checkedParts`).
    static let rereadingBatchRows = 20_000

    /// A CSV's line count less its header, for the progress bar before the file is read; 0
    /// (unknown) for a workbook, whose rows are inside compressed XML.
    static func estimatedRows(_ data: Data) -> Int {
        guard !OfficeFileKind.isWorkbook(data) else { return 0 }
        let lines = data.withUnsafeBytes { raw in raw.reduce(into: 0) { count, byte in if byte == 0x0A { count += 1 } }
        }
        return max(0, lines - 1)
    }

    private static func readAndCheck(
        _ data: Data, fileName: String, regions: RegionDirectory, reservoirs: [String: UUID], progress: JobProgress?,
        pages: MappedFile?
    ) -> Result<(RegisterImportPlan, TableSummary), TableIssue> {
        var plan = RegisterImportPlan(columns: RegisterColumns.all, regions: regions, knownReservoirs: reservoirs)
        plan.progress = progress
        var batch: [TableRow] = []
        batch.reserveCapacity(batchRows)
        do {
            let summary = try TableReader.forEachRow(data, fileName: fileName, columns: RegisterColumns.all) { row in
                batch.append(row)
                if batch.count == batchRows {
                    plan.check(batch[...])
                    batch.removeAll(keepingCapacity: true)
                    pages?.releasePages()
                }
            }
            plan.check(batch[...])
            plan.finish()
            return .success((plan, summary))
        } catch {
            return .failure(error)
        }
    }

    private func loadReservoirs() async throws -> [String: UUID] {
        let all = try await Reservoir.query(on: db).all()
        return Dictionary(all.compactMap { r in r.id.map { (r.name, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    struct ImportAudit: Codable, Sendable {
        var fileName: String
        var sha256: String
        var people: Int
        var households: Int
        var newReservoirs: [String]
        /// The notice of the addition requests filed for the people; nil for a first load.
        var noticeStart: String?
        var noticeEnd: String?
    }
}
