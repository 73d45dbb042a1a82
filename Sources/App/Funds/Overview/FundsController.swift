import Fluent
import ResettleCore
import Vapor

/// The funds pages. Township staff are taken to their own township's page: the county's
/// batches and the other townships' balances are not theirs to read.
struct FundsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(FundsRoutes.overview, use: overview)
        routes.on(FundsRoutes.addBatch, use: addBatch)
        routes.on(FundsRoutes.batch, use: batch)
        routes.on(FundsRoutes.arrange, use: arrange)
        routes.on(FundsRoutes.township, use: township)
        routes.on(FundsRoutes.terms, use: terms)
        routes.on(FundsRoutes.addTerm, use: addTerm)
    }

    /// The year asked for, or the latest year with a batch or project, or this year.
    static func year(_ req: Request) async throws -> (year: Int, years: [Int]) {
        let batchYears = try await FundBatch.query(on: req.db).unique().all(\.$year)
        let projectYears = try await Project.query(on: req.db).unique().all(\.$year)
        let today = CivilDate.today().year
        let years = Array(Set(batchYears + projectYears + [today])).sorted(by: >)
        let asked = try req.queryParameters.year()
        let year = asked ?? (batchYears + projectYears).max() ?? today
        return (year, years.contains(year) ? years : (years + [year]).sorted(by: >))
    }

    @Sendable func overview(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.read)
        let (year, years) = try await Self.year(req)
        if let own = req.scope.townshipCode {
            return req.redirect(to: FundsRoutes.township(own, year: year))
        }
        let model = try await Self.overviewModel(
            year: year, years: years, regions: try await req.regionDirectory(),
            canManage: FundsAccess.manageFunds.contains(user.roleValue), on: req.db)
        return htmlResponse(FundsView.overview(try await req.pageContext(), model))
    }

    static func overviewModel(year: Int, years: [Int], regions: RegionDirectory, canManage: Bool, on db: any Database)
        async throws -> FundsView.OverviewModel
    {
        FundsView.OverviewModel(
            summary: try await FundsSummary.load(year: year, scope: .everything, on: db), years: years,
            townshipNames: Dictionary(regions.townships.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }),
            categories: try await FundsTerm.names(.fundCategory, on: db), canManage: canManage)
    }

    static func townshipModel(code: String, year: Int, years: [Int], regions: RegionDirectory, on db: any Database)
        async throws -> FundsView.TownshipModel
    {
        FundsView.TownshipModel(
            code: code, name: regions.name(code),
            picture: try await FundsPicture.load(year: year, scope: AccessScope(townshipCode: code), on: db),
            villageNames: Dictionary(
                regions.villages(of: code).map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }),
            years: years)
    }

    @Sendable func addBatch(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.manageFunds)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let level = FundBatch.Level(rawValue: f.text("level")) else {
            throw ResettleError.invalidField("请选择资金级别", field: "level")
        }
        guard let manager = FundBatch.Manager(rawValue: f.text("manager")) else {
            throw ResettleError.invalidField("请选择管理单位", field: "manager")
        }
        let batch = try await FundService(db: req.db, gate: req.application.writeGate, actor: user.username).addBatch(
            .init(
                year: try f.requiredInteger("year", "年度", range: 2000...2199), category: f.text("category"),
                document: f.text("document"), receivedOn: try f.date("received_on", "到位日期"), level: level,
                amountFen: try f.requiredYuan("amount", "金额"), manager: manager, memo: f.text("memo")))
        req.setFlash("已登记\(batch.document)，\(Figures.wan(batch.amountFen))万元")
        return req.redirect(to: FundsRoutes.batch(batch.id!))
    }

    @Sendable func batch(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.read)
        // A batch is the county's: township staff read their money on their township's page.
        guard req.scope.townshipCode == nil else { throw ResettleError.notFound }
        let batch = try await FundsAccess.batch(req)
        let regions = try await req.regionDirectory()
        let arrangements = try await FundArrangement.query(on: req.db).filter(\.$batchID == batch.requireID())
            .sort(\.$createdAt).all()
        let projectIDs = Set(arrangements.map(\.projectID))
        let projects = try await Project.query(on: req.db).filter(\.$id ~~ Array(projectIDs)).all()
        let byID = Dictionary(projects.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        let summary = try await FundsSummary.load(year: batch.year, scope: .everything, on: req.db)
        let canManage = FundsAccess.manageFunds.contains(user.roleValue)
        let candidates =
            canManage
            ? try await Project.query(on: req.db).filter(\.$year == batch.year)
                .filter(\.$stage !~ [ProjectStage.returned.rawValue, ProjectStage.closed.rawValue]).sort(\.$code).all()
            : []
        let model = FundsView.BatchModel(
            batch: batch, money: summary.batches.first { $0.batch.id == batch.id }?.money ?? .init(),
            arrangements: arrangements.compactMap { a in
                byID[a.projectID].map {
                    (project: $0, fen: a.amountFen, by: a.createdBy, township: regions.name($0.townshipCode))
                }
            }, candidates: candidates, canManage: canManage)
        return htmlResponse(FundsView.batch(try await req.pageContext(), model))
    }

    @Sendable func arrange(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.manageFunds)
        let batch = try await FundsAccess.batch(req)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let projectID = UUID(uuidString: f.text("project")) else {
            throw ResettleError.invalidField("请选择项目", field: "project")
        }
        let amount = try f.requiredYuan("amount", "安排金额")
        _ = try await FundService(db: req.db, gate: req.application.writeGate, actor: user.username).arrange(
            batchID: batch.requireID(), projectID: projectID, amountFen: amount)
        req.setFlash("已安排\(Figures.yuan(amount))元")
        return req.redirect(to: FundsRoutes.batch(batch.id!))
    }

    @Sendable func township(req: Request) async throws -> Response {
        try req.requireUser(in: FundsAccess.read)
        guard let code = req.parameters.get("townshipCode"), req.scope.allows(townshipCode: code) else {
            throw ResettleError.notFound
        }
        let regions = try await req.regionDirectory()
        guard regions.byCode[code]?.level == .township else { throw ResettleError.notFound }
        let (year, years) = try await Self.year(req)
        let model = try await Self.townshipModel(code: code, year: year, years: years, regions: regions, on: req.db)
        return htmlResponse(FundsView.township(try await req.pageContext(), model))
    }

    @Sendable func terms(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.read)
        var lists: [(list: FundsTerm.List, names: [String])] = []
        for list in FundsTerm.List.allCases { lists.append((list, try await FundsTerm.names(list, on: req.db))) }
        return htmlResponse(
            FundsView.terms(
                try await req.pageContext(), lists: lists,
                canAdd: user.roleValue == .admin))
    }

    @Sendable func addTerm(req: Request) async throws -> Response {
        let user = try req.requireUser(in: [.admin])
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let list = FundsTerm.List(rawValue: f.text("list")) else {
            throw ResettleError.invalidField("请选择列表", field: "list")
        }
        try await FundService(db: req.db, gate: req.application.writeGate, actor: user.username).addTerm(
            f.text("name"), to: list)
        req.setFlash("已新增\(list.chinese)“\(f.text("name"))”")
        return req.redirect(to: FundsRoutes.terms.path())
    }
}
