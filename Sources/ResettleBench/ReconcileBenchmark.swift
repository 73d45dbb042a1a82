import ResettleCore

/// Times the reconciler on generated files, for the `resettle bench` command and for checking
/// that a county-sized roll (and far larger) reconciles well inside a second.
package struct ReconcileBenchmarkResult: Sendable {
    package let rollRows: Int
    package let paidRows: Int
    package let differenceCount: Int
    package let counts: [ReconciliationDifference.Kind: Int]
    /// Time to generate the two files (not part of the engine's cost).
    package let generation: Duration
    /// One duration per repetition of `Reconciler.reconcile`.
    package let runs: [Duration]
    /// Time to render the CSV once.
    package let csvRendering: Duration
    /// Whether the engine found exactly the differences the generator injected.
    package let matchesExpected: Bool

    package var best: Duration { runs.min() ?? .zero }
}

package enum ReconcileBenchmark {
    /// Generates `rows` people (plus the rows the scenarios add), reconciles `repetitions` times,
    /// checks the result against the injected differences and writes a short report line by
    /// line to `output`.
    @discardableResult
    package static func run(
        rows: Int, seed: UInt64 = 2022, repetitions: Int = 3, output: (String) -> Void
    ) -> ReconcileBenchmarkResult {
        let clock = ContinuousClock()
        var fixture: ReconcileFixture?
        let generation = clock.measure { fixture = ReconcileFixtures.makeFiles(rows: rows, seed: seed) }
        guard let fixture else { preconditionFailure("fixture generation did not run") }
        output(
            "generated roll \(fixture.roll.count) rows, bank result \(fixture.paid.count) rows in \(milliseconds(generation)) ms"
        )

        let reconciler = Reconciler()
        var runs: [Duration] = []
        var report: ReconciliationReport?
        for run in 1...max(1, repetitions) {
            var result: ReconciliationReport?
            let duration = clock.measure { result = reconciler.reconcile(roll: fixture.roll, paid: fixture.paid) }
            runs.append(duration)
            report = result
            output("run \(run): reconciled in \(milliseconds(duration)) ms")
        }
        guard let report else { preconditionFailure("reconciliation did not run") }

        var csv = ""
        let csvRendering = clock.measure { csv = report.csv }
        let matches = report.differences == fixture.expected
        let counts = report.counts
        output(
            "differences: \(report.differences.count) (expected \(fixture.expected.count)), "
                + (matches ? "all as injected" : "NOT as injected"))
        for kind in ReconciliationDifference.Kind.allCases.sorted() {
            output("  \(kind.rawValue): \(counts[kind] ?? 0)")
        }
        output("csv: \(csv.utf8.count) bytes rendered in \(milliseconds(csvRendering)) ms")
        output("best reconcile: \(milliseconds(runs.min() ?? .zero)) ms")
        return ReconcileBenchmarkResult(
            rollRows: fixture.roll.count, paidRows: fixture.paid.count, differenceCount: report.differences.count,
            counts: counts, generation: generation, runs: runs, csvRendering: csvRendering, matchesExpected: matches)
    }

    /// `123.4` — one decimal, computed in integers so that no locale or Foundation is involved.
    package static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenths = seconds * 10_000 + attoseconds / 100_000_000_000_000
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
