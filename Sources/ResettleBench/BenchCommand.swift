import App
import Fluent
import Foundation
import SQLKit
import Vapor

/// `resettle bench office --rows N`: XLSX and CSV reading and writing speed.
/// `resettle bench import --rows N`: the register import's speed on the configured database
/// (use an empty one: `RESETTLE_DATA=/tmp/bench-N` or a fresh PostgreSQL database), next to the
/// `sqlite3` shell's `.import` of the same file into a table keyed on the ID, the floor we
/// measure ourselves against.
/// `resettle bench roll --period P`, `resettle bench reconcile --rows N` and `resettle bench funds`:
/// see `RollBenchmark`, `ReconcileFilesBenchmark` and `FundsBenchmark`.
package struct BenchCommand: AsyncCommand {
    package struct Signature: CommandSignature {
        @Argument(name: "what", help: "import | office | reconcile | roll | funds")
        var what: String
        @Option(name: "rows", help: "rows in the generated register file (default 50000)")
        var rows: Int?
        @Option(name: "period", help: "roll: the payment period to generate (default 2022Q3)")
        var period: String?
        @Option(name: "projects", help: "funds: projects in the generated year (default 5000)")
        var projects: Int?
        @Option(name: "payments", help: "funds: payments spread over them (default 20000)")
        var payments: Int?

        package init() {}
    }

    package init() {}

    package var help: String { "Prints speed figures (benchmarks, not tests)" }

    package func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        switch signature.what {
        case "import": break
        case "funds":
            // The funds overview and a township page at ten times the county's year.
            try await FundsBenchmark.run(
                app: app, console: console, projects: signature.projects ?? 5_000,
                payments: signature.payments ?? 20_000)
            return
        case "roll":
            // Roll generation on the configured (demo) database: see `RollBenchmark`.
            try await RollBenchmark.run(app: app, console: console, period: signature.period)
            return
        case "reconcile":
            // Roll and bank files of N rows each, our reconcile against DuckDB's on the same files.
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../scripts/reconcile_duckdb.py").standardizedFileURL
            ReconcileFilesBenchmark.run(rows: signature.rows ?? 1_000_000, duckDBScript: script) { console.print($0) }
            return
        case "office":
            // XLSX write and read, CSV read: no database involved.
            OfficeBenchmark.run(rows: signature.rows ?? 50_000) { console.print($0) }
            return
        default: throw ResettleCommandError("未知基准 \(signature.what)（可用：import、office、reconcile、roll、funds）")
        }
        try await app.autoMigrate()
        let sql = app.db as! any SQLDatabase
        guard try await sql.raw("SELECT 1 AS one FROM people LIMIT 1").first() == nil else {
            throw ResettleCommandError("基准测试需要空数据库：请设置 RESETTLE_DATA 为新目录，或使用新的 PostgreSQL 数据库")
        }
        let rows = signature.rows ?? 50_000
        try await DemoLoader.importRegions(app: app)
        let generated = Date()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("resettle-bench-\(rows).csv")
        let (registerCount, bytes) = try Self.writeRegister(people: rows, to: file)
        console.print(
            "generated \(registerCount) rows (\(bytes / 1_048_576) MiB) in \(seconds(since: generated)) s: \(file.path)"
        )
        // The import reads the file from disk as the server does; the generated rows are not
        // its memory, so the peak starts again here.
        PeakMemory.reset()
        let before = PeakMemory.currentKiB() ?? 0
        let started = Date()
        // Mapped and handed back as it is read, as the import page and the command line do.
        let report = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "bench")
            .run(file: try MappedFile(file), fileName: file.lastPathComponent)
        let elapsed = Date().timeIntervalSince(started)
        if let peak = PeakMemory.peakKiB() {
            console.print("peak resident memory during the import: \(peak / 1024) MiB (\(before / 1024) MiB before it)")
        }
        guard report.succeeded else {
            throw ResettleCommandError("import failed: \(report.errors.prefix(3).map(\.message))")
        }
        console.print(
            "resettle import (\(sql.dialect.name)): \(report.peopleWritten) rows in \(String(format: "%.2f", elapsed)) s = \(Int(Double(report.peopleWritten) / elapsed)) rows/s (validated and written, one transaction)"
        )
        console.print(
            "  phases: "
                + report.phases.map { "\($0.name) \(String(format: "%.2f", $0.seconds)) s" }.joined(separator: ", "))
        try sqliteShellFloor(csv: file, rows: registerCount, console: console)
    }

    /// The generated register as a CSV file; the rows are gone when it returns.
    private static func writeRegister(people: Int, to file: URL) throws -> (rows: Int, bytes: Int) {
        let dataSet = DemoDataSet(people: people)
        let register = dataSet.rows()
        let csv = Data(dataSet.peopleCSV(register).utf8)
        try csv.write(to: file)
        return (register.count, csv.count)
    }

    /// Times `sqlite3`'s own CSV import into a fresh file with a primary key on the ID.
    private func sqliteShellFloor(csv: URL, rows: Int, console: any Console) throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent(
            "resettle-bench-floor-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: db) }
        let columns = (1...14).map { $0 == 1 ? "c1 TEXT PRIMARY KEY" : "c\($0) TEXT" }.joined(separator: ", ")
        let script = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE register(\(columns));
            .mode csv
            .import --skip 1 \(csv.path) register
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", db.path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        let started = Date()
        do {
            try process.run()
        } catch {
            console.warning("sqlite3 shell not found; install the sqlite3 package to print the floor")
            return
        }
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let elapsed = Date().timeIntervalSince(started)
        console.print(
            "sqlite3 .import floor: \(rows) rows in \(String(format: "%.2f", elapsed)) s = \(Int(Double(rows) / elapsed)) rows/s (no validation)"
        )
    }

    private func seconds(since date: Date) -> String { String(format: "%.2f", Date().timeIntervalSince(date)) }
}
