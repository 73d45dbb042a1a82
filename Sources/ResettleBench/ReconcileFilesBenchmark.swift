import Foundation
import ResettleCore
import ResettleOffice

/// What `ReconcileFilesBenchmark.run` measured.
package struct ReconcileFilesBenchmarkResult: Sendable {
    package let rollRows: Int
    package let bankRows: Int
    package let differenceCount: Int
    /// Whether `ReconcileFiles` found exactly the differences `ReconcileFixtures` injected.
    package let matchesExpected: Bool
    /// Reading both files, reconciling and writing the report: wall time, and CPU time (user
    /// plus system, over both cores).
    package let seconds: Double
    package let cpuSeconds: Double
    /// Peak RSS during that, in MiB, and the RSS just before it (what the process held already,
    /// mostly runtime and the generator's freed memory malloc kept); nil where unknown.
    package let peakMiB: Int?
    package let startMiB: Int?
    /// DuckDB doing the same comparison on the same files, when it could be run.
    package let duckDB: DuckDBRun?

    package struct DuckDBRun: Sendable {
        package let seconds: Double
        package let cpuSeconds: Double?
        package let peakMiB: Int?
        /// Whether DuckDB's report is byte for byte the same as ours.
        package let sameReport: Bool
    }
}

/// End-to-end benchmark of `ReconcileFiles` against DuckDB (for `resettle bench reconcile
/// --rows N`).
///
/// Writes a roll and a bank CSV (UTF-8) of `rows` people with every kind of difference
/// (`ReconcileFixtures`), times `ReconcileFiles` reading both, reconciling and writing the
/// report, and checks the report against the injected differences. Then, when Python can import
/// `duckdb`, runs `scripts/reconcile_duckdb.py` on the same files (the same comparison in SQL,
/// which reports its own time and peak RSS), checks that its report is identical and prints both
/// times and their ratio.
package enum ReconcileFilesBenchmark {
    /// - Parameters:
    ///   - workDirectory: where the files go; kept afterwards. Default: a temporary directory,
    ///     removed afterwards.
    ///   - duckDBScript: the DuckDB comparison; default `scripts/reconcile_duckdb.py` under the
    ///     current directory (the repository root when run from there).
    @discardableResult
    package static func run(
        rows: Int, workDirectory: URL? = nil, seed: UInt64 = 2022,
        duckDBScript: URL = URL(fileURLWithPath: "scripts/reconcile_duckdb.py"),
        output: (String) -> Void
    ) -> ReconcileFilesBenchmarkResult? {
        let directory =
            workDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("resettle-reconcile-bench-\(getpid())")
        let roll = directory.appendingPathComponent("roll.csv")
        let bank = directory.appendingPathComponent("bank.csv")
        let report = directory.appendingPathComponent("report.csv")
        let duckReport = directory.appendingPathComponent("report-duckdb.csv")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            output("cannot create \(directory.path): \(error.localizedDescription)")
            return nil
        }
        defer { if workDirectory == nil { try? FileManager.default.removeItem(at: directory) } }

        output("ReconcileFiles benchmark: \(rows) people, files in \(directory.path)")
        let expected: [ReconciliationDifference]
        do {
            expected = try writeFiles(rows: rows, seed: seed, roll: roll, bank: bank, output: output)
        } catch {
            output("cannot write the input files: \(error.localizedDescription)")
            return nil
        }

        // The generated data is gone by now; start the peak afresh so that it is ours alone.
        PeakMemory.reset()
        let startMiB = PeakMemory.currentKiB().map { $0 / 1024 }
        let limits = FileLimits(maxFileBytes: Int.max, maxUncompressedBytes: Int.max, maxRows: Int.max)
        let clock = ContinuousClock()
        let cpuStart = PeakMemory.cpuSeconds()
        let start = clock.now
        let result: ReconciliationReport
        do {
            result = try ReconcileFiles.reconcile(rollFile: roll, bankFile: bank, output: report, limits: limits)
        } catch {
            output("ReconcileFiles failed:\n\(error.description)")
            return nil
        }
        let seconds = seconds(clock.now - start)
        let cpuSeconds = PeakMemory.cpuSeconds() - cpuStart
        let peak = PeakMemory.peakKiB().map { $0 / 1024 }
        let matches = result.differences == expected
        output(
            "ReconcileFiles: roll \(result.rollRowCount) rows, bank \(result.paidRowCount) rows, "
                + "\(result.differences.count) differences (\(matches ? "all as injected" : "NOT as injected"))")
        let counts = result.counts
        for kind in ReconciliationDifference.Kind.allCases.sorted() {
            output("  \(kind.rawValue): \(counts[kind] ?? 0)")
        }
        output(
            "ReconcileFiles: \(format(seconds)) s end to end (read both files, reconcile, write report), "
                + "CPU \(format(cpuSeconds)) s, peak RSS \(peak.map { "\($0) MiB" } ?? "unknown") "
                + "(\(startMiB.map { "\($0) MiB" } ?? "unknown") before reading)")

        let duck = runDuckDB(script: duckDBScript, roll: roll, bank: bank, report: duckReport, output: output)
        if let duck {
            let same = duck.sameReport && (try? Data(contentsOf: report)) == (try? Data(contentsOf: duckReport))
            output(
                "DuckDB: \(format(duck.seconds)) s, CPU \(duck.cpuSeconds.map(format) ?? "unknown") s, peak RSS \(duck.peakMiB.map { "\($0) MiB" } ?? "unknown"), "
                    + "report \(same ? "identical" : "DIFFERENT")")
            output(
                "ratio DuckDB / ReconcileFiles: \(format(duck.seconds / max(seconds, 1e-9)))× wall"
                    + (duck.cpuSeconds.map { ", \(format($0 / max(cpuSeconds, 1e-9)))× CPU" } ?? ""))
        }
        return ReconcileFilesBenchmarkResult(
            rollRows: result.rollRowCount, bankRows: result.paidRowCount, differenceCount: result.differences.count,
            matchesExpected: matches, seconds: seconds, cpuSeconds: cpuSeconds, peakMiB: peak, startMiB: startMiB,
            duckDB: duck)
    }

    /// Generates the fixture and writes it as two UTF-8 CSV files with `CSVWriter`; returns the
    /// injected differences. Everything else generated is released on return.
    private static func writeFiles(
        rows: Int, seed: UInt64, roll: URL, bank: URL,
        output: (String) -> Void
    ) throws -> [ReconciliationDifference] {
        let fixture = ReconcileFixtures.makeFiles(rows: rows, seed: seed)
        var rollRows: [[String]] = [["身份证号", "姓名", "银行卡号", "金额"]]
        rollRows.reserveCapacity(fixture.roll.count + 1)
        for record in fixture.roll {
            rollRows.append([record.idNumber, record.name, record.card, Money.yuan(record.amountFen)])
        }
        try CSVWriter.data(rows: rollRows, encoding: .utf8).write(to: roll)
        var bankRows: [[String]] = [["身份证号", "姓名", "银行卡号", "实发金额", "状态", "失败原因", "交易日期"]]
        bankRows.reserveCapacity(fixture.paid.count + 1)
        for record in fixture.paid {
            let failed = !PaymentStatusRule.standard.isSuccess(record.status)
            bankRows.append([
                record.idNumber, record.name, record.card, Money.yuan(record.amountFen), record.status,
                failed ? "账户状态异常" : "", "2024-07-15",
            ])
        }
        try CSVWriter.data(rows: bankRows, encoding: .utf8).write(to: bank)
        output(
            "wrote roll \(fixture.roll.count) rows, bank \(fixture.paid.count) rows, \(fixture.expected.count) differences injected"
        )
        return fixture.expected
    }

    /// Runs the DuckDB script; nil (after saying why and how to fix it) when it cannot run.
    private static func runDuckDB(
        script: URL, roll: URL, bank: URL, report: URL,
        output: (String) -> Void
    ) -> ReconcileFilesBenchmarkResult.DuckDBRun? {
        guard FileManager.default.fileExists(atPath: script.path) else {
            output("DuckDB comparison skipped: \(script.path) not found (run from the repository root)")
            return nil
        }
        guard let probe = python(["-c", "import duckdb"]), probe.status == 0 else {
            output("DuckDB comparison skipped: Python cannot import duckdb; install it with `pip install duckdb`")
            return nil
        }
        guard let run = python([script.path, roll.path, bank.path, report.path]), run.status == 0 else {
            output("DuckDB comparison failed: \(script.path) did not complete")
            return nil
        }
        // The script ends with `seconds=<s>`, `cpu_seconds=<s>` and `peak_rss_mib=<n>` lines.
        var fields: [String: String] = [:]
        for line in run.output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let seconds = fields["seconds"].flatMap(Double.init) else {
            output("DuckDB comparison failed: no time in its output:\n\(run.output)")
            return nil
        }
        return .init(
            seconds: seconds, cpuSeconds: fields["cpu_seconds"].flatMap(Double.init),
            peakMiB: fields["peak_rss_mib"].flatMap(Int.init), sameReport: true)
    }

    private static func python(_ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, atto) = duration.components
        return Double(whole) + Double(atto) / 1e18
    }

    private static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
