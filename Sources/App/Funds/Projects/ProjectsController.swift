import Fluent
import ResettleCore
import Vapor

/// The project library and one project's page, with the forms of its steps and payments.
/// Every handler reads the project through `FundsAccess.project`, so another township's
/// project answers 404 for a township user, and the services check the role and township
/// again inside the write.
struct ProjectsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(ProjectRoutes.list, use: list)
        routes.on(ProjectRoutes.new, use: new)
        routes.on(ProjectRoutes.create, use: create)
        routes.on(ProjectRoutes.show, use: show)
        routes.on(ProjectRoutes.step, use: step)
        routes.on(ProjectRoutes.pay, use: pay)
        routes.on(ProjectRoutes.raiseFinding, use: raiseFinding)
        routes.on(ProjectRoutes.resolveFinding, use: resolveFinding)
        routes.on(ProjectRoutes.recordIncome, use: recordIncome)
    }

    static func service(_ req: Request, _ user: User) -> ProjectService {
        ProjectService(db: req.db, gate: req.application.writeGate, user: user)
    }

    static func openFindingProjects(on db: any Database) async throws -> Set<UUID> {
        Set(try await ProjectFinding.query(on: db).filter(\.$resolvedOn == nil).all(\.$projectID))
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.read)
        let (year, years) = try await FundsController.year(req)
        let filter = try ProjectFilter(req, year: year)
        let regions = try await req.regionDirectory()
        let rules = try await ProjectRules.load(on: req.db)
        let picture = try await FundsPicture.load(year: year, scope: req.scope, on: req.db)
        let kept = filter.apply(
            to: picture.projects, thresholdFen: rules.routing.rows.last?.fromFen ?? 0,
            openFindingProjects: filter.openFindings ? try await Self.openFindingProjects(on: req.db) : [])
        let pageCount = (kept.count + ProjectFilter.perPage - 1) / ProjectFilter.perPage
        let page = min(filter.page, max(pageCount, 1))
        let shown = Array(kept.dropFirst((page - 1) * ProjectFilter.perPage).prefix(ProjectFilter.perPage))
        let townships = regions.townships.filter { req.scope.allows(townshipCode: $0.code) }
        var villageNames: [String: String] = [:]
        for t in townships { for v in regions.villages(of: t.code) { villageNames[v.code] = v.name } }
        let model = ProjectsView.ListModel(
            filter: filter, rows: shown, total: kept.count, money: picture.projectMoney,
            townships: townships.map { ($0.code, $0.name) }, kinds: try await FundsTerm.names(.projectKind, on: req.db),
            years: years, villageNames: villageNames,
            townshipNames: Dictionary(townships.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }),
            pager: Pager(
                basePath: ProjectRoutes.list.path(), query: filter.query, page: page, pageCount: pageCount,
                total: kept.count),
            canPropose: FundsAccess.townshipSteps.contains(user.roleValue),
            thresholdYuan: Money.yuanGrouped(rules.routing.rows.last?.fromFen ?? 0))
        return htmlResponse(ProjectsView.list(try await req.pageContext(), model))
    }

    @Sendable func new(req: Request) async throws -> Response {
        try req.requireUser(in: FundsAccess.townshipSteps)
        let regions = try await req.regionDirectory()
        let townships = regions.townships.filter { req.scope.allows(townshipCode: $0.code) }
        let villages = townships.flatMap { t in regions.villages(of: t.code).map { ($0.code, "\(t.name) \($0.name)") } }
        let model = ProjectsView.NewModel(
            townships: townships.map { ($0.code, $0.name) }, villages: villages,
            kinds: try await FundsTerm.names(.projectKind, on: req.db), year: CivilDate.today().year,
            noticeMinimumDays: try await OfficeSetting.projectNoticeMinimumDays.int(on: req.db))
        return htmlResponse(ProjectsView.new(try await req.pageContext(), model))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.townshipSteps)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        let village = f.text("village")
        let proposal = ProjectService.Proposal(
            year: try f.requiredInteger("year", "年度", range: 2000...2199), name: f.text("name"),
            townshipCode: f.text("township"), villageCode: village.isEmpty ? nil : village, kind: f.text("kind"),
            implementer: f.text("implementer"),
            beneficiaries: try f.integer("beneficiaries", "受益移民人数", range: 0...1_000_000, optional: true) ?? 0,
            planned: PlannedInvestment(
                resettlementFen: try f.requiredYuan("planned_resettlement", "计划移民资金"),
                selfRaisedFen: try f.yuan("planned_self_raised", "自筹资金", optional: true) ?? 0,
                otherFen: try f.yuan("planned_other", "其他资金", optional: true) ?? 0),
            scheduleStart: try f.date("schedule_start", "计划开工日期"), scheduleEnd: try f.date("schedule_end", "计划完工日期"),
            performanceTarget: f.text("performance_target"), meetingOn: try f.date("meeting_on", "议事日期"),
            attendance: try f.requiredInteger("attendance", "参会人数", range: 1...100_000), decision: f.text("decision"),
            noticeStart: try f.date("notice_start", "公示开始日期"), noticeEnd: try f.date("notice_end", "公示结束日期"))
        guard !proposal.implementer.isEmpty else { throw ResettleError.invalidField("请填写实施单位", field: "implementer") }
        let project = try await Self.service(req, user).propose(proposal)
        req.setFlash("已登记项目\(project.code)")
        return req.redirect(to: ProjectRoutes.show(project.id!))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.read)
        let project = try await FundsAccess.project(req)
        let model = try await ProjectPage.model(
            project, user: user, on: req.db, regions: try await req.regionDirectory())
        return htmlResponse(ProjectsView.page(try await req.pageContext(), model))
    }

    @Sendable func step(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.read)
        let project = try await FundsAccess.project(req)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let kind = ProjectStepKind(rawValue: f.text("kind")) else {
            throw ResettleError.invalidInput("步骤无效")
        }
        var input = ProjectStepInput(kind: kind, actedOn: try f.date("acted_on", "办理日期"), opinion: f.text("opinion"))
        input.passed = f.text("passed") != "no"
        input.teamLeader = f.text("team_leader")
        input.teamMembers = f.text("team_members")
        input.planDocument = f.text("plan_document")
        input.approvedFen = try f.yuan("approved", "核定移民资金", optional: true)
        input.contract = f.text("contract")
        input.progressPercent = try f.integer("progress", "工程进度（%）", range: 0...100, optional: true)
        input.change = f.text("change")
        input.changeApproval = f.text("change_approval")
        input.settledFen = try f.yuan("settled", "结算价", optional: true)
        input.retentionFen = try f.yuan("retention", "质保金", optional: true) ?? 0
        input.assetOwner = f.text("asset_owner")
        input.upkeepBody = f.text("upkeep_body")
        input.upkeepRules = f.text("upkeep_rules")
        let after = try await Self.service(req, user).record(input, projectID: project.requireID())
        req.setFlash("已办理“\(kind.chinese)”，项目现为“\(after.stageValue.chinese)”")
        return req.redirect(to: ProjectRoutes.show(project.id!))
    }

    @Sendable func pay(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.read)
        let project = try await FundsAccess.project(req)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let kind = DisbursementKind(rawValue: f.text("kind")) else {
            throw ResettleError.invalidField("请选择拨付类型", field: "kind")
        }
        let payment = try await Self.service(req, user).pay(
            .init(
                kind: kind, voucher: f.text("voucher"), payee: f.text("payee"), paidOn: try f.date("paid_on", "拨付日期"),
                amountFen: try f.requiredYuan("amount", "金额")), projectID: project.requireID())
        req.setFlash("已登记\(kind.chinese)\(Figures.yuan(payment.amountFen))元")
        return req.redirect(to: ProjectRoutes.show(project.id!))
    }

    @Sendable func raiseFinding(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.spotChecks)
        let project = try await FundsAccess.project(req)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        _ = try await Self.service(req, user).raiseFinding(
            f.text("text"), on: try f.date("acted_on", "发现日期"), projectID: project.requireID())
        req.setFlash("已登记问题；整改销号前该项目不能拨付")
        return req.redirect(to: ProjectRoutes.show(project.id!))
    }

    @Sendable func resolveFinding(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.countySteps)
        let project = try await FundsAccess.project(req)
        guard let findingID = req.parameters.get("findingID", as: UUID.self) else { throw ResettleError.notFound }
        let f = FormValues(fields: try req.content.decode([String: String].self))
        try await Self.service(req, user).resolveFinding(
            findingID, resolution: f.text("resolution"), on: try f.date("acted_on", "销号日期"),
            projectID: project.requireID())
        req.setFlash("问题已整改销号")
        return req.redirect(to: ProjectRoutes.show(project.id!))
    }

    @Sendable func recordIncome(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.countySteps)
        let project = try await FundsAccess.project(req)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        let income = try await ProjectIncomeService(db: req.db, gate: req.application.writeGate, user: user).record(
            .init(
                year: try f.requiredInteger("year", "年度", range: 2000...2199), tenant: f.text("tenant"),
                rentDueFen: try f.requiredYuan("rent_due", "应收租金"),
                rentReceivedFen: try f.yuan("rent_received", "实收租金", optional: true) ?? 0,
                receivedOn: try f.date("received_on", "收款日期")), projectID: project.requireID())
        req.setFlash("已登记\(income.tenant)\(income.year)年租金")
        return req.redirect(to: ProjectRoutes.show(project.id!))
    }
}
