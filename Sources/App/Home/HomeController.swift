import Fluent
import ResettleCore
import SQLKit
import Vapor

struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(HomeRoutes.home, use: home)
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
        let user = try req.requireUser()
        let scope = req.scope
        let key = scope.townshipCode.map { "township:" + $0 } ?? "county"
        let figures = try await req.application.homeFiguresCache.value(
            for: key, version: try await req.registerVersion()
        ) {
            try await Self.figures(scope: scope, on: req.db)
        }
        let regions = try await req.regionDirectory()
        var model = HomeModel(
            totalPeople: figures.total, activePeople: figures.active, households: figures.households,
            openChanges: figures.openChanges,
            reductionsByYear: figures.reductionsByYear,
            townships: regions.townships.filter { scope.allows(townshipCode: $0.code) }.map {
                HomeModel.TownshipRow(
                    code: $0.code, name: $0.name, active: figures.byTownship[$0.code]?.active ?? 0,
                    reduced: figures.byTownship[$0.code]?.reduced ?? 0)
            })
        if PetitionAccess.read.contains(user.roleValue) {
            // The leadership sees every deadline of its scope; anyone else those assigned to them.
            let leads = user.roleValue == .leader || user.roleValue == .admin
            let board = try await PetitionBoard.load(
                for: user, scope: scope, today: .today(), assignedTo: leads ? nil : user.username, on: req.db)
            if !board.items.isEmpty || !board.disputes.isEmpty {
                model.petitionBoard = board
                model.regions = regions
            }
        }
        return htmlResponse(HomeView.render(try await req.pageContext(), model))
    }

    /// The counts over the whole register (or one township) that the home page shows.
    static func figures(scope: AccessScope, on db: any Database) async throws -> HomeFigures {
        let sql = db as! any SQLDatabase
        // One grouped query for all townships instead of one count per township.
        var query = sql.select().column("township_code").column("status").column(
            SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
        )
        .from("people")
        if let code = scope.townshipCode { query = query.where("township_code", .equal, SQLBind(code)) }
        let counts = try await query.groupBy("township_code").groupBy("status").all(decoding: TownshipCount.self)
        var figures = HomeFigures()
        for c in counts {
            figures.total += c.n
            if c.status == PersonStatus.active.rawValue {
                figures.active += c.n
                figures.byTownship[c.township_code, default: (0, 0)].active += c.n
            } else if c.status == PersonStatus.reduced.rawValue || c.status == PersonStatus.suspended.rawValue {
                figures.byTownship[c.township_code, default: (0, 0)].reduced += c.n
            }
        }
        figures.households = try await scope.restrict(Household.query(on: db), field: \.$townshipCode).count()
        var open = ChangeFilter()
        open.status = "open"
        figures.openChanges = try await open.build(db, scope: scope).count()
        var reductionQuery = sql.select().column(
            SQLFunction("substr", args: SQLIdentifier("decided_on"), SQLLiteral.numeric("1"), SQLLiteral.numeric("4")),
            as: "y"
        )
        .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("change_requests")
        .where("kind", .equal, SQLBind(ChangeKind.reduction.rawValue)).where(
            "status", .equal, SQLBind(ChangeStatus.approved.rawValue))
        if let code = scope.townshipCode {
            reductionQuery = reductionQuery.where("township_code", .equal, SQLBind(code))
        }
        let byYear = try await reductionQuery.groupBy("y").orderBy("y", .descending).all(decoding: YearCount.self)
        figures.reductionsByYear = byYear.map { ($0.y, $0.n) }
        return figures
    }
}

/// The home page's counts for one scope.
struct HomeFigures: Sendable {
    var total = 0
    var active = 0
    var households = 0
    var openChanges = 0
    var reductionsByYear: [(year: String, count: Int)] = []
    var byTownship: [String: (active: Int, reduced: Int)] = [:]
}

extension Application {
    private struct HomeFiguresCacheKey: StorageKey {
        typealias Value = RegisterVersionedCache<HomeFigures>
    }

    /// The home page's counts per scope (the county, or one township). Counting 46,000 people
    /// by township and status, the households and the changes on every view held the home page
    /// to a few dozen a second.
    var homeFiguresCache: RegisterVersionedCache<HomeFigures> {
        sharedInstance(HomeFiguresCacheKey.self) { RegisterVersionedCache(maxEntries: 64, maxAgeSeconds: 30) }
    }
}
