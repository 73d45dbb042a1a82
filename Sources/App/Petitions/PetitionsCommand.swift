import Fluent
import Foundation
import ResettleCore
import Vapor

/// `resettle petitions stats --year 2022 [--township CODE] [--out FILE.xlsx]`: the statistics
/// of the petitions received in a year, as the statistics page shows them; and
/// `resettle petitions board`: every running deadline overdue or due within seven days.
struct PetitionsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "stats | board")
        var action: String
        @Option(name: "year", help: "the year of receipt (stats; this year by default)")
        var year: Int?
        @Option(name: "township", help: "one township's code (stats)")
        var township: String?
        @Option(name: "out", help: "also write the statistics as XLSX to this file (stats)")
        var out: String?
    }

    var help: String { "Petition statistics for a year, or the deadline board" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let regions = try await RegionDirectory.load(on: db)
        let county = AccessScope(townshipCode: nil)
        switch signature.action {
        case "stats":
            let year = signature.year ?? CivilDate.today().year
            guard (1900...2199).contains(year) else { throw ResettleCommandError("年度应为四位年份") }
            let s = try await PetitionStatistics.load(
                from: CivilDate(year: year, month: 1, day: 1)!, to: CivilDate(year: year, month: 12, day: 31)!,
                townshipCode: signature.township, scope: county, on: db)
            let t = s.tally
            context.console.print(
                "\(year)年接待信访\(t.batches)批\(t.personTimes)人次（集体访\(t.groupBatches)批），受理\(t.accepted)件，办结\(t.closed)件，办结率\(PetitionTally.percent(t.closureRateBasisPoints))，按期办结率\(PetitionTally.percent(t.onTimeRateBasisPoints))，重复信访\(t.repeats)件"
            )
            for c in t.byCategory { context.console.print("  \(c.category)：\(c.batches)批") }
            if let out = signature.out {
                try s.workbook(names: { regions.name($0) }).write(to: URL(fileURLWithPath: out))
                context.console.print("已写入 \(out)")
            }
        case "board":
            guard let admin = try await User.query(on: db).filter(\.$role == Role.admin.rawValue).first() else {
                throw ResettleCommandError("没有系统管理员账号")
            }
            let board = try await PetitionBoard.load(for: admin, scope: county, today: .today(), on: db)
            context.console.print("已逾期\(board.overdue)项，3日内到期\(board.withinThree)项，4至7日内到期\(board.withinSeven)项")
            for i in board.items {
                context.console.print(
                    "\(i.label)\t\(i.clock.kind.chinese)\t\(i.clock.dueOn.iso)\t\(i.number)\t\(regions.name(i.townshipCode))"
                )
            }
        default:
            throw ResettleCommandError("未知操作“\(signature.action)”：可用 stats 或 board")
        }
    }
}
