import Fluent
import ResettleCore
import Vapor

/// The county's spot-check draws. Each recorded draw is drawn again from its stored candidates,
/// rate and seed when the page is shown, and the page says whether it came out the same.
struct SpotChecksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(SpotCheckRoutes.list, use: list)
        routes.on(SpotCheckRoutes.draw, use: draw)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.read)
        // The sample is the county's; township staff see a draw on their projects' pages.
        guard req.scope.townshipCode == nil else { throw ResettleError.forbidden }
        let (year, years) = try await FundsController.year(req)
        let draws = try await SpotCheckDraw.query(on: req.db).filter(\.$year == year).sort(\.$createdAt).all()
        let drawnCodes = Set(draws.flatMap(\.drawn))
        let projects = try await Project.query(on: req.db).filter(\.$code ~~ Array(drawnCodes)).all()
        let waiting = try await Project.query(on: req.db).filter(\.$year == year)
            .filter(\.$stage == ProjectStage.accepted.rawValue).count()
        let model = SpotChecksView.Model(
            year: year, years: years,
            draws: draws.map { d in
                let again = SpotCheckSample.draw(d.candidates, ratePercent: d.ratePercent, seed: UInt64(max(d.seed, 0)))
                return .init(draw: d, repeatedSame: again == d.drawn)
            }, projectsByCode: Dictionary(projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }),
            waiting: waiting, canDraw: FundsAccess.countySteps.contains(user.roleValue))
        return htmlResponse(SpotChecksView.list(try await req.pageContext(), model))
    }

    @Sendable func draw(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.countySteps)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        let year = try f.requiredInteger("year", "年度", range: 2000...2199)
        let draw = try await SpotCheckService(db: req.db, gate: req.application.writeGate, user: user).draw(
            year: year, ratePercent: try f.requiredInteger("rate", "抽查比例（%）", range: 1...100),
            seed: Int64(try f.requiredInteger("seed", "随机种子", range: 0...Int(Int32.max))))
        req.setFlash("从\(draw.candidates.count)个已验收项目中抽取\(draw.drawn.count)个")
        return req.redirect(to: SpotCheckRoutes.list.path(query: [("year", String(year))]))
    }
}
