import App
import Fluent
import Foundation
import ResettleCore
import SQLKit
import Vapor

/// `resettle bench roll --period 2022Q3`: times roll generation on the configured database
/// (load it first, e.g. `RESETTLE_DATA=/tmp/x resettle demo --people 1000000`). The roll is
/// generated as a draft twice (the second run is the regeneration path) and left as a draft;
/// a period whose roll is approved is refused by the generator itself.
enum RollBenchmark {
    static func run(app: Application, console: any Console, period label: String?) async throws {
        guard let period = PaymentPeriod(label: label ?? "2022Q3") else {
            throw ResettleCommandError("--period 格式应如 2022Q3")
        }
        try await app.autoMigrate()
        let dialect = (app.db as! any SQLDatabase).dialect.name
        for run in 1...2 {
            let outcome = try await RollGenerator(db: app.db, gate: app.writeGate, actor: "bench").generate(
                period: period)
            let rate = Int(Double(outcome.peopleRead) / max(outcome.seconds, 0.001))
            console.print(
                "roll \(period.label) (\(dialect), \(run == 1 ? "generate" : "regenerate")): \(outcome.peopleRead) people → \(outcome.lineCount) lines, \(outcome.excludedCount) excluded, in \(String(format: "%.2f", outcome.seconds)) s = \(rate) people/s (clear \(String(format: "%.1f", outcome.clearSeconds)) s, waiting for reads \(String(format: "%.1f", outcome.readSeconds)) s, deciding \(String(format: "%.1f", outcome.decideSeconds)) s, waiting for writes \(String(format: "%.1f", outcome.writeSeconds)) s, index rebuild \(String(format: "%.1f", outcome.indexSeconds)) s; reads and writes overlap the deciding)"
            )
        }
    }
}
