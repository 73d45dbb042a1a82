import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit

/// Imports a register file all-or-nothing: every row is checked first and every problem
/// reported; only a file with no errors is written, in one transaction, in batches.
package struct RegisterImporter {
    let db: any Database
    let actor: String
    /// Counts rows checked, then people written: twice the file's rows in all.
    var progress: JobProgress?

    package init(db: any Database, actor: String) {
        self.db = db
        self.actor = actor
    }

    /// Reads, validates and (if valid) writes. Never throws for a bad file: the report says why.
    package func run(data: Data, fileName: String) async throws -> RegisterImportReport {
        let started = Date()
        var report = RegisterImportReport(fileName: fileName)
        let table: ResettleOffice.Table
        do {
            table = try TableReader.read(data, fileName: fileName, columns: RegisterColumns.all)
        } catch {
            report.errors.append(RegisterImportReport.fileIssue(error))
            return report
        }
        report.rowCount = table.rows.count
        progress?.report(done: 0, total: table.rows.count * 2)
        report.headerRowNumber = table.headerRowNumber
        report.format = table.format
        report.phases.append(("read", Date().timeIntervalSince(started)))
        let regions = try await RegionDirectory.load(on: db)
        let reservoirs = try await loadReservoirs()
        var plan = RegisterImportPlan(table: table, regions: regions, knownReservoirs: reservoirs)
        plan.progress = progress
        await plan.validate()
        try await plan.checkExisting(on: db)
        report.phases.append(("validate", Date().timeIntervalSince(started) - report.phases.map(\.seconds).reduce(0, +)))
        report.errors = plan.errors
        report.warnings = plan.warnings
        report.newReservoirs = plan.newReservoirNames
        guard report.errors.isEmpty else {
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
        let sha = Secrets.sha256Hex(data)
        let checked = plan
        let actor = actor
        let (people, households) = try await db.transaction { tx in
            try await checked.write(on: tx)
            try await FileArchive.store(
                data, fileName: fileName, purpose: "register_import", direction: "in", actor: actor, on: tx)
            try await AuditLog.append(
                actor: actor, action: "register.import", entity: "file", entityID: sha, townshipCode: nil, before: nil,
                after: ImportAudit(
                    fileName: fileName, sha256: sha, people: checked.people.count, households: checked.newHouseholds.count,
                    newReservoirs: checked.newReservoirNames),
                on: tx)
            return (checked.people.count, checked.newHouseholds.count)
        }
        report.phases.append(("write", Date().timeIntervalSince(started) - report.phases.map(\.seconds).reduce(0, +)))
        report.peopleWritten = people
        report.householdsWritten = households
        report.seconds = Date().timeIntervalSince(started)
        return report
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
    }
}
