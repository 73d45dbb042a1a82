import App
import Fluent
import Foundation
import ResettleCore
import SQLKit
import Vapor

/// `resettle bench funds --projects 5000 --payments 20000`: the funds overview and a township's
/// page at ten times the county's year, on an empty database (`RESETTLE_DATA=/tmp/bench-funds`).
/// The year is generated straight into the tables — batches, projects in every township,
/// one or two arrangements each and the payments spread over them — and both pages' work
/// (queries, sums, markup) is then timed 30 times.
enum FundsBenchmark {
    static func run(app: Application, console: any Console, projects: Int, payments: Int) async throws {
        try await app.autoMigrate()
        let sql = app.db as! any SQLDatabase
        guard try await sql.raw("SELECT 1 AS one FROM projects LIMIT 1").first() == nil else {
            throw ResettleCommandError("基准测试需要空数据库：请设置 RESETTLE_DATA 为新目录，或使用新的 PostgreSQL 数据库")
        }
        try await DemoLoader.importRegions(app: app)
        let generated = Date()
        let year = 2022
        var rng = SeededRandom(seed: 5_000)
        let batchIDs = (0..<10).map { _ in UUID() }
        let now = Date()
        for (i, id) in batchIDs.enumerated() {
            try await sql.insert(into: "fund_batches")
                .columns(
                    "id", "year", "category", "document", "received_on", "level", "amount_fen", "manager", "memo",
                    "created_by", "created_at"
                )
                .values(
                    SQLBind(id), SQLBind(year), SQLBind("第一批到县资金"), SQLBind("湘移〔2022〕\(100 + i)号"),
                    SQLBind("2022-01-20"), SQLBind("central"), SQLBind(Int64(100_000_000_000)), SQLBind("county"),
                    SQLBind(""), SQLBind("bench"), SQLBind(now)
                ).run()
        }
        let regions = try await sql.raw("SELECT code, parent_code FROM regions WHERE level = 'village'")
            .all(decoding: VillageRow.self)
        let stages = ["implementing", "accepted", "checked", "closed"]
        var projectIDs: [UUID] = []
        var approved: [Int64] = []
        for chunk in stride(from: 0, to: projects, by: 400) {
            var rows: [[any Encodable & Sendable]] = []
            for n in chunk..<min(chunk + 400, projects) {
                let village = regions[rng.below(regions.count)]
                let fen = Int64(rng.int(20...400)) * 100_000
                let id = UUID()
                projectIDs.append(id)
                approved.append(fen)
                rows.append([
                    id, "\(year)-\(village.parent_code)-\(n)", year, "基准项目\(n)", village.parent_code, village.code,
                    "基础设施（道路）", "村民委员会", 100, fen, Int64(0), Int64(0), "2022-04-01", "2022-11-30", "",
                    stages[rng.below(stages.count)], fen, "邵移〔2022〕9号", rng.int(40...100), Optional(fen), Int64(0),
                    "bench", now,
                ])
            }
            try await insert(
                "projects",
                [
                    "id", "code", "year", "name", "township_code", "village_code", "kind", "implementer",
                    "beneficiaries",
                    "planned_resettlement_fen", "planned_self_raised_fen", "planned_other_fen", "schedule_start",
                    "schedule_end", "performance_target", "stage", "approved_fen", "plan_document", "progress_percent",
                    "settled_fen", "retention_fen", "created_by", "created_at",
                ], rows, sql)
        }
        var arrangements: [[any Encodable & Sendable]] = []
        for (p, id) in projectIDs.enumerated() {
            // Two in five projects draw on two batches.
            if p % 5 < 2 {
                let half = approved[p] / 2
                arrangements.append([UUID(), rng.pick(batchIDs), id, half, "bench", now])
                arrangements.append([UUID(), rng.pick(batchIDs), id, approved[p] - half, "bench", now])
            } else {
                arrangements.append([UUID(), rng.pick(batchIDs), id, approved[p], "bench", now])
            }
        }
        for chunk in stride(from: 0, to: arrangements.count, by: 1_000) {
            try await insert(
                "fund_arrangements", ["id", "batch_id", "project_id", "amount_fen", "created_by", "created_at"],
                Array(arrangements[chunk..<min(chunk + 1_000, arrangements.count)]), sql)
        }
        let perProject = max(payments / max(projects, 1), 1)
        var paymentRows: [[any Encodable & Sendable]] = []
        for (p, id) in projectIDs.enumerated() {
            for k in 0..<perProject {
                paymentRows.append([
                    UUID(), id, k == perProject - 1 ? "final" : "progress", "BZ-\(p)-\(k)", "乡镇财政所", "2022-11-15",
                    approved[p] / Int64(perProject + 1), "bench", now,
                ])
            }
        }
        for chunk in stride(from: 0, to: paymentRows.count, by: 1_000) {
            try await insert(
                "project_payments",
                ["id", "project_id", "kind", "voucher", "payee", "paid_on", "amount_fen", "created_by", "created_at"],
                Array(paymentRows[chunk..<min(chunk + 1_000, paymentRows.count)]), sql)
        }
        console.print(
            "generated \(projects) projects, \(arrangements.count) arrangements, \(paymentRows.count) payments in \(String(format: "%.1f", Date().timeIntervalSince(generated))) s (\(sql.dialect.name))"
        )
        let township =
            try await sql.raw(
                "SELECT township_code, COUNT(*) AS n FROM projects GROUP BY township_code ORDER BY n DESC LIMIT 1"
            ).first(decoding: TownshipRow.self)?.township_code ?? ""
        for (label, page) in [
            ("funds overview", { try await FundsPageTiming.overview(year: year, on: app.db) }),
            ("township page (\(township))", { try await FundsPageTiming.township(township, year: year, on: app.db) }),
        ] as [(String, () async throws -> Int)] {
            _ = try await page()
            var times: [Double] = []
            var size = 0
            for _ in 0..<30 {
                let started = Date()
                size = try await page()
                times.append(Date().timeIntervalSince(started) * 1000)
            }
            times.sort()
            console.print(
                "\(label), rendered, 30 runs: median \(String(format: "%.1f", times[15])) ms, p90 \(String(format: "%.1f", times[27])) ms, max \(String(format: "%.1f", times[29])) ms (\(size / 1024) KiB)"
            )
        }
    }

    private struct VillageRow: Decodable {
        var code: String
        var parent_code: String
    }

    private struct TownshipRow: Decodable {
        var township_code: String
        var n: Int
    }

    private static func insert(
        _ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]], _ sql: any SQLDatabase
    ) async throws {
        guard !rows.isEmpty else { return }
        var insert = sql.insert(into: table).columns(columns)
        for row in rows { insert = insert.values(row.map { SQLBind($0) }) }
        try await insert.run()
    }
}
