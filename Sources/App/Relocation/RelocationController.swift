import Fluent
import ResettleCore
import Vapor

/// The 避险解困 pages. Township staff see their township's tasks only.
struct RelocationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(RelocationRoutes.list, use: list)
        routes.on(RelocationRoutes.addTask, use: addTask)
        routes.on(RelocationRoutes.task, use: task)
        routes.on(RelocationRoutes.enrol, use: enrol)
        routes.on(RelocationRoutes.record, use: record)
    }

    static func service(_ req: Request, _ user: User) -> RelocationService {
        RelocationService(db: req.db, gate: req.application.writeGate, user: user)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.read)
        let regions = try await req.regionDirectory()
        let tasks = try await req.scope.restrict(RelocationTask.query(on: req.db), field: \.$townshipCode)
            .sort(\.$year, .descending).sort(\.$townshipCode).all()
        let model = RelocationView.ListModel(
            progress: try await RelocationProgress.of(tasks, on: req.db),
            townshipNames: Dictionary(regions.townships.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }),
            canAdd: FundsAccess.manageFunds.contains(user.roleValue), year: CivilDate.today().year)
        return htmlResponse(RelocationView.list(try await req.pageContext(), model))
    }

    @Sendable func addTask(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.manageFunds)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        let task = try await Self.service(req, user).addTask(
            .init(
                year: try f.requiredInteger("year", "年度", range: 2000...2199), document: f.text("document"),
                townshipCode: f.text("township"),
                targetHouseholds: try f.requiredInteger("target_households", "任务户数", range: 1...100_000),
                targetPeople: try f.requiredInteger("target_people", "任务人数", range: 1...1_000_000),
                subsidyPerHouseholdFen: try f.requiredYuan("subsidy", "每户补助")))
        req.setFlash("已下达任务\(task.document)")
        return req.redirect(to: RelocationRoutes.task(task.id!))
    }

    static func scopedTask(_ req: Request) async throws -> RelocationTask {
        guard let id = req.parameters.get("taskID", as: UUID.self),
            let task = try await RelocationTask.find(id, on: req.db),
            req.scope.allows(townshipCode: task.townshipCode)
        else { throw ResettleError.notFound }
        return task
    }

    @Sendable func task(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.read)
        let task = try await Self.scopedTask(req)
        let regions = try await req.regionDirectory()
        let households = try await HouseholdRelocation.query(on: req.db).filter(\.$taskID == task.requireID())
            .sort(\.$createdAt).all()
        let projects = try await Project.query(on: req.db).filter(\.$townshipCode == task.townshipCode)
            .filter(\.$year == task.year).sort(\.$code).all()
        let model = RelocationView.TaskModel(
            progress: try await RelocationProgress.of([task], on: req.db)[0],
            townshipName: regions.name(task.townshipCode),
            households: households, projects: projects, canAct: FundsAccess.townshipSteps.contains(user.roleValue),
            today: .today())
        return htmlResponse(RelocationView.task(try await req.pageContext(), model))
    }

    @Sendable func enrol(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.townshipSteps)
        let task = try await Self.scopedTask(req)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        let project = f.text("project")
        _ = try await Self.service(req, user).enrol(
            .init(
                headIDNumber: f.text("head_id_number"), newSite: f.text("new_site"),
                projectID: UUID(uuidString: project)),
            taskID: task.requireID())
        req.setFlash("已纳入任务")
        return req.redirect(to: RelocationRoutes.task(task.id!))
    }

    @Sendable func record(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.townshipSteps)
        guard let id = req.parameters.get("relocationID", as: UUID.self) else { throw ResettleError.notFound }
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let fact = RelocationService.Fact(rawValue: f.text("fact")) else {
            throw ResettleError.invalidInput("办理事项无效")
        }
        let r = try await Self.service(req, user).record(
            .init(
                fact: fact, day: try f.date("day", "日期"), amountFen: try f.yuan("amount", "补助金额", optional: true),
                oldHouse: f.text("old_house")), relocationID: id)
        req.setFlash("已办理“\(fact.chinese)”")
        return req.redirect(to: RelocationRoutes.task(r.taskID))
    }
}
