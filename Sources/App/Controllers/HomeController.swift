import Fluent
import ResettleCore
import SQLKit
import Vapor

struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    private struct TownshipCount: Decodable {
        let township_code: String
        let status: String
        let n: Int
    }

    private struct YearCount: Decodable {
        let y: String
        let n: Int
    }

    @Sendable func home(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let scope = req.scope
        let sql = req.db as! any SQLDatabase
        // One grouped query for all townships instead of one count per township.
        var query = sql.select().column("township_code").column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("people")
        if let code = scope.townshipCode { query = query.where("township_code", .equal, SQLBind(code)) }
        let counts = try await query.groupBy("township_code").groupBy("status").all(decoding: TownshipCount.self)
        let regions = try await RegionDirectory.load(on: req.db)
        var byTownship: [String: (active: Int, reduced: Int)] = [:]
        var total = 0
        var active = 0
        for c in counts {
            total += c.n
            if c.status == PersonStatus.active.rawValue {
                active += c.n
                byTownship[c.township_code, default: (0, 0)].active += c.n
            } else if c.status == PersonStatus.reduced.rawValue || c.status == PersonStatus.suspended.rawValue {
                byTownship[c.township_code, default: (0, 0)].reduced += c.n
            }
        }
        let households = try await scope.restrict(Household.query(on: req.db), field: \.$townshipCode).count()
        var open = ChangeFilter()
        open.status = "open"
        let openCount = try await open.build(req.db, scope: scope).count()
        var reductionQuery = sql.select().column(SQLFunction("substr", args: SQLIdentifier("decided_on"), SQLLiteral.numeric("1"), SQLLiteral.numeric("4")), as: "y")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("change_requests")
            .where("kind", .equal, SQLBind(ChangeKind.reduction.rawValue)).where("status", .equal, SQLBind(ChangeStatus.approved.rawValue))
        if let code = scope.townshipCode { reductionQuery = reductionQuery.where("township_code", .equal, SQLBind(code)) }
        let byYear = try await reductionQuery.groupBy("y").orderBy("y", .descending).all(decoding: YearCount.self)
        let model = HomeModel(
            totalPeople: total, activePeople: active, households: households, openChanges: openCount,
            reductionsByYear: byYear.map { ($0.y, $0.n) },
            townships: regions.townships.filter { scope.allows(townshipCode: $0.code) }.map {
                HomeModel.TownshipRow(
                    code: $0.code, name: $0.name, active: byTownship[$0.code]?.active ?? 0, reduced: byTownship[$0.code]?.reduced ?? 0)
            })
        return htmlResponse(HomeView.render(try await req.pageContext(), model))
    }
}
