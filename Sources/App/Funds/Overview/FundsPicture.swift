import Fluent
import Foundation
import ResettleCore
import SQLKit

/// What a year's money did, project by project: arranged, paid and still unspent per project
/// and per village, with the year's `FundsSummary` computed from the same rows. Four queries
/// whatever the year's size (batches, projects, arrangements, payment sums); for pages that list
/// the projects themselves (a township's page, the project list).
struct FundsPicture: Sendable {
    struct ProjectRow: Sendable, Decodable {
        var id: UUID
        var code: String
        var name: String
        var township_code: String
        var village_code: String?
        var kind: String
        var stage: String
        var approved_fen: Int64?
        var planned_resettlement_fen: Int64
        var progress_percent: Int

        var stageValue: ProjectStage { ProjectStage(rawValue: stage) ?? .proposed }
        var resettlementFundsFen: Int64 { approved_fen ?? planned_resettlement_fen }
    }

    typealias Money = FundsSummary.Money
    typealias AreaRow = FundsSummary.AreaRow

    /// The same figures `FundsSummary.load` sums in the database, here from the rows below.
    var summary: FundsSummary
    var projects: [ProjectRow]
    /// Per project id.
    var projectMoney: [UUID: Money]
    var villages: [AreaRow]

    /// The year's picture for a reader scoped to `scope`: a township user's batches count only
    /// what was arranged to their township.
    static func load(year: Int, scope: AccessScope, on db: any Database) async throws -> FundsPicture {
        let sql = db as! any SQLDatabase
        let flag = try await OfficeSetting.townshipBalanceFlagPercent.int(on: db)
        let batches = try await FundBatch.query(on: db).filter(\.$year == year).sort(\.$receivedOn).sort(\.$document)
            .all()
        var projectQuery = sql.select()
            .columns(
                "id", "code", "name", "township_code", "village_code", "kind", "stage", "approved_fen",
                "planned_resettlement_fen", "progress_percent"
            )
            .from(Project.schema).where("year", .equal, SQLBind(year))
        if let township = scope.townshipCode {
            projectQuery = projectQuery.where("township_code", .equal, SQLBind(township))
        }
        let projects = try await projectQuery.orderBy("code").all(decoding: ProjectRow.self)

        struct ArrangementRow: Decodable {
            var batch_id: UUID
            var project_id: UUID
            var amount_fen: Int64
        }
        let arrangements = try await ofYearsProjects(
            sql.select().column(SQLColumn("batch_id", table: "x")).column(SQLColumn("project_id", table: "x"))
                .column(SQLColumn("amount_fen", table: "x")),
            table: FundArrangement.schema, year: year, scope: scope
        )
        .orderBy(SQLColumn("created_at", table: "x")).orderBy(SQLColumn("id", table: "x"))
        .all(decoding: ArrangementRow.self)

        struct PaidRow: Decodable {
            var project_id: UUID
            var fen: Int64?
        }
        let paid = try await ofYearsProjects(
            sql.select().column(SQLColumn("project_id", table: "x"))
                // PostgreSQL sums BIGINT as NUMERIC; the cast keeps it an integer on both databases.
                .column(SQLRaw("CAST(SUM(x.amount_fen) AS BIGINT)"), as: "fen"),
            table: ProjectPayment.schema, year: year, scope: scope
        )
        .groupBy(SQLColumn("project_id", table: "x")).all(decoding: PaidRow.self)

        return compute(
            year: year, batches: batches, projects: projects,
            arrangements: arrangements.map { ($0.batch_id, $0.project_id, $0.amount_fen) },
            paid: Dictionary(paid.map { ($0.project_id, $0.fen ?? 0) }, uniquingKeysWith: +), balanceFlagPercent: flag)
    }

    /// `select` from `table` (as `x`, with a `project_id`) joined to the year's projects the
    /// scope allows.
    private static func ofYearsProjects(
        _ select: SQLSelectBuilder, table: String, year: Int, scope: AccessScope
    ) -> SQLSelectBuilder {
        var query = select.from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("x")))
            .join(
                SQLAlias(SQLIdentifier(Project.schema), as: SQLIdentifier("p")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "p"), .equal, SQLColumn("project_id", table: "x")
            )
            .where(SQLColumn("year", table: "p"), .equal, SQLBind(year))
        if let township = scope.townshipCode {
            query = query.where(SQLColumn("township_code", table: "p"), .equal, SQLBind(township))
        }
        return query
    }

    static func compute(
        year: Int, batches: [FundBatch], projects: [ProjectRow],
        arrangements: [(batch: UUID, project: UUID, fen: Int64)], paid: [UUID: Int64], balanceFlagPercent: Int
    ) -> FundsPicture {
        var perProject: [UUID: [(batch: UUID, fen: Int64)]] = [:]
        for a in arrangements { perProject[a.project, default: []].append((a.batch, a.fen)) }
        var batchMoney: [UUID: Money] = [:]
        var projectMoney: [UUID: Money] = [:]
        for p in projects {
            let list = perProject[p.id] ?? []
            let paidFen = paid[p.id] ?? 0
            let shares = FundArrangementRule.paidByArrangement(arrangedFen: list.map(\.fen), paidFen: paidFen)
            for (a, share) in zip(list, shares) {
                batchMoney[a.batch, default: Money()].arrangedFen += a.fen
                batchMoney[a.batch, default: Money()].paidFen += share
            }
            projectMoney[p.id] = Money(arrangedFen: list.reduce(0) { $0 + $1.fen }, paidFen: paidFen)
        }
        func areas(_ key: (ProjectRow) -> String?) -> [AreaRow] {
            var rows: [String: AreaRow] = [:]
            for p in projects {
                guard let code = key(p) else { continue }
                var row = rows[code] ?? AreaRow(code: code)
                row.projects += 1
                if p.stageValue.hasStarted { row.started += 1 }
                let m = projectMoney[p.id] ?? Money()
                row.money.arrangedFen += m.arrangedFen
                row.money.paidFen += m.paidFen
                rows[code] = row
            }
            return rows.values.map { row in
                var row = row
                row.flagged = FundsSummary.flagged(row.money, percent: balanceFlagPercent)
                return row
            }.sorted { $0.code < $1.code }
        }
        let planned = projects.filter { $0.approved_fen != nil && $0.stageValue != .returned }
        var invested: (part: Int64, whole: Int64) = (0, 0)
        for p in projects {
            guard let approved = p.approved_fen else { continue }
            invested.whole += approved
            invested.part += approved * Int64(p.progress_percent) / 100
        }
        let summary = FundsSummary(
            year: year,
            batches: batches.map { b in
                FundsSummary.BatchRow(batch: b, money: b.id.flatMap { batchMoney[$0] } ?? Money())
            },
            townships: areas { $0.township_code }, balanceFlagPercent: balanceFlagPercent,
            startRate: (planned.filter { $0.stageValue.hasStarted }.count, planned.count),
            investmentCompletion: invested)
        return FundsPicture(
            summary: summary, projects: projects, projectMoney: projectMoney, villages: areas { $0.village_code })
    }
}
