import Fluent
import Foundation
import ResettleCore
import SQLKit

/// The year's money per batch and per township, summed by the database: what the funds
/// overview, a batch's page and the overview API show. Five small queries whatever the year's
/// size; `FundsPicture` computes the same figures from every project's row where a page lists
/// the projects themselves (a township's page), and a test holds the two to the same answers.
struct FundsSummary: Sendable {
    struct Money: Sendable, Equatable {
        var arrangedFen: Int64 = 0
        var paidFen: Int64 = 0
        /// Arranged but not yet paid out (结存).
        var balanceFen: Int64 { arrangedFen - paidFen }
    }

    struct BatchRow: Sendable {
        var batch: FundBatch
        var money = Money()
        var unarrangedFen: Int64 { batch.amountFen - money.arrangedFen }
    }

    struct AreaRow: Sendable, Equatable {
        var code: String
        var projects = 0
        var started = 0
        var money = Money()
        /// The unspent share is above the office's setting.
        var flagged = false
    }

    var year: Int
    var batches: [BatchRow]
    var townships: [AreaRow]
    var balanceFlagPercent: Int
    /// 开工率: of the projects in the annual plan (approved and not returned), those started.
    var startRate: (started: Int, planned: Int)
    /// 投资完成率: the approved investment weighted by each project's progress.
    var investmentCompletion: (part: Int64, whole: Int64)

    var projectCount: Int { townships.reduce(0) { $0 + $1.projects } }
    var receivedFen: Int64 { batches.reduce(0) { $0 + $1.batch.amountFen } }
    var total: Money {
        townships.reduce(into: Money()) {
            $0.arrangedFen += $1.money.arrangedFen
            $0.paidFen += $1.money.paidFen
        }
    }
    /// 资金完成率: paid ÷ arranged.
    var fundCompletion: (part: Int64, whole: Int64) { (total.paidFen, total.arrangedFen) }

    static func flagged(_ money: Money, percent: Int) -> Bool {
        money.balanceFen * 100 > money.arrangedFen * Int64(percent)
    }

    /// The year's summary for a reader scoped to `scope`: a township user's batches count only
    /// what was arranged to their township.
    static func load(year: Int, scope: AccessScope, on db: any Database) async throws -> FundsSummary {
        let sql = db as! any SQLDatabase
        let flag = try await OfficeSetting.townshipBalanceFlagPercent.int(on: db)
        let batches = try await FundBatch.query(on: db).filter(\.$year == year).sort(\.$receivedOn).sort(\.$document)
            .all()
        // The year's projects the scope allows, as `p`.
        let projects: SQLQueryString =
            scope.townshipCode.map {
                "SELECT * FROM \(ident: Project.schema) WHERE year = \(bind: year) AND township_code = \(bind: $0)"
            } ?? "SELECT * FROM \(ident: Project.schema) WHERE year = \(bind: year)"
        let startedStages = ProjectStage.allCases.filter(\.hasStarted).map(\.rawValue)
        let returned = ProjectStage.returned.rawValue

        struct TownshipRow: Decodable {
            var township_code: String
            var projects: Int
            var started: Int
            var planned: Int
            var planned_started: Int
            var approved_fen: Int64
            var invested_fen: Int64
        }
        // Sums of BIGINT are NUMERIC on PostgreSQL; the casts keep them integers on both databases.
        let townships = try await sql.raw(
            """
            SELECT p.township_code, COUNT(*) AS projects,
              SUM(CASE WHEN p.stage IN (\(binds: startedStages)) THEN 1 ELSE 0 END) AS started,
              SUM(CASE WHEN p.approved_fen IS NOT NULL AND p.stage <> \(bind: returned) THEN 1 ELSE 0 END) AS planned,
              SUM(CASE WHEN p.approved_fen IS NOT NULL AND p.stage IN (\(binds: startedStages))
                THEN 1 ELSE 0 END) AS planned_started,
              CAST(COALESCE(SUM(p.approved_fen), 0) AS BIGINT) AS approved_fen,
              CAST(COALESCE(SUM(p.approved_fen * p.progress_percent / 100), 0) AS BIGINT) AS invested_fen
            FROM (\(projects)) p GROUP BY p.township_code
            """
        ).all(decoding: TownshipRow.self)

        struct SumRow: Decodable {
            var key: String
            var fen: Int64
        }
        func sums(_ table: String) async throws -> [String: Int64] {
            let rows = try await sql.raw(
                """
                SELECT p.township_code AS key, CAST(SUM(x.amount_fen) AS BIGINT) AS fen
                FROM \(ident: table) x JOIN (\(projects)) p ON p.id = x.project_id GROUP BY p.township_code
                """
            ).all(decoding: SumRow.self)
            return Dictionary(rows.map { ($0.key, $0.fen) }, uniquingKeysWith: +)
        }
        let arranged = try await sums(FundArrangement.schema)
        let paid = try await sums(ProjectPayment.schema)

        // A project's payments are counted against its arrangements in the order they were
        // made (`FundArrangementRule.paidByArrangement`, which `FundsPicture` reads in the same
        // created_at, id order): each arrangement's share is what was paid beyond the
        // arrangements before it, at most its own amount. Correlated sums on the project_id
        // indexes; a window over all arrangements took longer on SQLite.
        struct BatchSumRow: Decodable {
            var batch_id: UUID
            var arranged_fen: Int64
            var paid_fen: Int64
        }
        let batchSums = try await sql.raw(
            """
            WITH a AS (
              SELECT x.batch_id, x.amount_fen,
                (SELECT COALESCE(SUM(z.amount_fen), 0) FROM \(ident: FundArrangement.schema) z
                  WHERE z.project_id = x.project_id
                  AND (z.created_at < x.created_at OR (z.created_at = x.created_at AND z.id < x.id))) AS before_fen,
                (SELECT COALESCE(SUM(y.amount_fen), 0) FROM \(ident: ProjectPayment.schema) y
                  WHERE y.project_id = x.project_id) AS paid_fen
              FROM \(ident: FundArrangement.schema) x WHERE x.project_id IN (SELECT p.id FROM (\(projects)) p)
            )
            SELECT a.batch_id, CAST(SUM(a.amount_fen) AS BIGINT) AS arranged_fen,
              CAST(SUM(CASE
                WHEN a.paid_fen <= a.before_fen THEN 0
                WHEN a.paid_fen - a.before_fen >= a.amount_fen THEN a.amount_fen
                ELSE a.paid_fen - a.before_fen END) AS BIGINT) AS paid_fen
            FROM a GROUP BY a.batch_id
            """
        ).all(decoding: BatchSumRow.self)
        let batchMoney = Dictionary(
            batchSums.map { ($0.batch_id, Money(arrangedFen: $0.arranged_fen, paidFen: $0.paid_fen)) },
            uniquingKeysWith: { a, _ in a })

        return FundsSummary(
            year: year,
            batches: batches.map { BatchRow(batch: $0, money: $0.id.flatMap { batchMoney[$0] } ?? Money()) },
            townships: townships.map { t in
                let money = Money(arrangedFen: arranged[t.township_code] ?? 0, paidFen: paid[t.township_code] ?? 0)
                return AreaRow(
                    code: t.township_code, projects: t.projects, started: t.started, money: money,
                    flagged: flagged(money, percent: flag))
            }.sorted { $0.code < $1.code },
            balanceFlagPercent: flag,
            startRate: (townships.reduce(0) { $0 + $1.planned_started }, townships.reduce(0) { $0 + $1.planned }),
            investmentCompletion: (
                townships.reduce(0) { $0 + $1.invested_fen }, townships.reduce(0) { $0 + $1.approved_fen }
            ))
    }
}
