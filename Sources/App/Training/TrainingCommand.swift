import Fluent
import Foundation
import ResettleCore
import Vapor

/// `resettle training stats --year 2022 [--out LEDGER.xlsx]`: the year's training by type, as
/// the training page shows it, and optionally the ledger (培训台账).
struct TrainingCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "stats")
        var action: String
        @Option(name: "year", help: "this year by default")
        var year: Int?
        @Option(name: "out", help: "also write the ledger as XLSX to this file")
        var out: String?
    }

    var help: String { "Training statistics for a year, and the ledger" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "stats" else { throw ResettleCommandError("未知操作“\(signature.action)”：可用 stats") }
        let db = context.application.db
        let year = signature.year ?? CivilDate.today().year
        guard (1900...2199).contains(year) else { throw ResettleCommandError("年度应为四位年份") }
        let s = try await TrainingStatistics.load(year: year, townshipCode: nil, on: db)
        context.console.print(
            "\(year)年培训移民\(s.people)人，短期培训\(s.shortCoursePersonTimes)人次，资金\(Money.wan(s.fundsFen))万元")
        for r in s.rows where r.people > 0 {
            context.console.print("  \(r.type.name)：\(r.people)人，\(Money.wan(r.fundsFen))万元")
        }
        if let out = signature.out {
            let classes = try await TrainingClass.query(on: db).filter(\.$year == year).all()
            let byID = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0) })
            let ids = classes.compactMap(\.id)
            let trainees = ids.isEmpty ? [] : try await TrainingEnrolment.query(on: db).filter(\.$classID ~~ ids).all()
            let regions = try await RegionDirectory.load(on: db)
            try TrainingStatistics.ledger(
                s, trainees: trainees.map { (byID[$0.classID]!, $0) }, names: { regions.name($0) }
            ).write(to: URL(fileURLWithPath: out))
            context.console.print("已写入 \(out)")
        }
    }
}
