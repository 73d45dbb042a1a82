import Fluent
import Foundation
import ResettleCore
import Vapor

/// The training pages. Township staff see and enrol their own township's people only.
struct TrainingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(TrainingRoutes.overview, use: overview)
        routes.on(TrainingRoutes.addPlan, use: addPlan)
        routes.on(TrainingRoutes.openClass, use: openClass)
        routes.on(TrainingRoutes.showClass, use: showClass)
        routes.on(TrainingRoutes.enrol, use: enrol)
        routes.on(TrainingRoutes.attendance, use: attendance)
        routes.on(TrainingRoutes.complete, use: complete)
        routes.on(TrainingRoutes.subsidies, use: subsidies)
        routes.on(TrainingRoutes.submitSubsidy, use: submitSubsidy)
        routes.on(TrainingRoutes.actOnSubsidy, use: actOnSubsidy)
        routes.on(TrainingRoutes.ledger, use: ledger)
    }

    static func service(_ req: Request, _ user: User) -> TrainingService {
        TrainingService(db: req.db, gate: req.application.writeGate, user: user, today: .today())
    }

    static func year(_ req: Request) throws -> Int { try QueryParameters(req).year() ?? CivilDate.today().year }

    @Sendable func overview(req: Request) async throws -> Response {
        let user = try req.requireUser(in: TrainingAccess.read)
        let year = try Self.year(req)
        let stats = try await TrainingStatistics.load(year: year, townshipCode: req.scope.townshipCode, on: req.db)
        let classes = try await TrainingClass.query(on: req.db).filter(\.$year == year).sort(\.$startsOn).all()
        return htmlResponse(
            TrainingView.overview(
                try await req.pageContext(), stats, classes: classes, enrolled: stats.enrolledByClass,
                types: try await TrainingType.query(on: req.db).sort(\.$sortOrder).all(),
                canPlan: TrainingAccess.plan.contains(user.roleValue)))
    }

    @Sendable func addPlan(req: Request) async throws -> Response {
        let user = try req.requireUser(in: TrainingAccess.plan)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let type = UUID(uuidString: f.text("type")) else {
            throw ResettleError.invalidField("请选择培训类型", field: "type")
        }
        let plan = try await Self.service(req, user).addPlan(
            .init(
                year: try f.requiredInteger("year", "年度", range: 2000...2199), typeID: type,
                document: f.text("document"),
                quotaPeople: try f.requiredInteger("quota_people", "计划人数", range: 1...1_000_000),
                quotaFen: try f.requiredYuan("quota", "计划资金")))
        req.setFlash("已登记\(plan.year)年培训计划")
        return req.redirect(to: TrainingRoutes.overview.path(query: [("year", String(plan.year))]))
    }

    @Sendable func openClass(req: Request) async throws -> Response {
        let user = try req.requireUser(in: TrainingAccess.plan)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let type = UUID(uuidString: f.text("type")) else {
            throw ResettleError.invalidField("请选择培训类型", field: "type")
        }
        let c = try await Self.service(req, user).openClass(
            .init(
                year: try f.requiredInteger("year", "年度", range: 2000...2199), typeID: type, name: f.text("name"),
                provider: f.text("provider"), venue: f.text("venue"), startsOn: try f.date("starts_on", "开班日期"),
                endsOn: try f.date("ends_on", "结束日期"), quota: try f.requiredInteger("quota", "名额", range: 1...1000),
                sessions: try f.requiredInteger("sessions", "课次", range: 1...365)))
        req.setFlash("已开班“\(c.name)”")
        return req.redirect(to: TrainingRoutes.showClass(c.id!))
    }

    static func trainingClass(_ req: Request) async throws -> TrainingClass {
        guard let id = req.parameters.get("classID", as: UUID.self),
            let c = try await TrainingClass.find(id, on: req.db)
        else { throw ResettleError.notFound }
        return c
    }

    @Sendable func showClass(req: Request) async throws -> Response {
        let user = try req.requireUser(in: TrainingAccess.read)
        let c = try await Self.trainingClass(req)
        let all = try await TrainingEnrolment.query(on: req.db).filter(\.$classID == c.requireID()).sort(\.$name).all()
        let mine = all.filter { req.scope.allows(townshipCode: $0.townshipCode) }
        return htmlResponse(
            TrainingView.trainingClass(
                try await req.pageContext(), c, type: try await TrainingType.find(c.typeID, on: req.db),
                enrolled: all.count, trainees: mine, regions: try await req.regionDirectory(),
                canEnrol: TrainingAccess.enrol.contains(user.roleValue)))
    }

    @Sendable func enrol(req: Request) async throws -> Response {
        let user = try req.requireUser(in: TrainingAccess.enrol)
        let c = try await Self.trainingClass(req)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        // One ID a line: a sign-up sheet pasted at once is enrolled all or none.
        let ids = (f.fields["id_number"] ?? "").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == "，" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw ResettleError.invalidField("请填写身份证号", field: "id_number") }
        let added = try await Self.service(req, user).enrol(idNumbers: ids, classID: c.requireID())
        req.setFlash("已报名：" + added.map(\.name).joined(separator: "、"))
        return req.redirect(to: TrainingRoutes.showClass(c.id!))
    }

    @Sendable func attendance(req: Request) async throws -> Response {
        let user = try req.requireUser(in: TrainingAccess.enrol)
        let c = try await Self.trainingClass(req)
        let fields = try req.content.decode([String: String].self)
        let f = FormValues(fields: fields)
        let present = fields.filter { $0.key.hasPrefix("present_") && $0.value == "1" }.keys.compactMap {
            UUID(uuidString: String($0.dropFirst("present_".count)))
        }
        let n = try await Self.service(req, user).attendance(
            session: try f.requiredInteger("session", "课次", range: 1...365), present: present, classID: c.requireID())
        req.setFlash("已记录第\(f.text("session"))次课出勤\(n)人")
        return req.redirect(to: TrainingRoutes.showClass(c.id!))
    }

    @Sendable func complete(req: Request) async throws -> Response {
        let user = try req.requireUser(in: TrainingAccess.enrol)
        guard let id = req.parameters.get("enrolmentID", as: UUID.self) else { throw ResettleError.notFound }
        let f = FormValues(fields: try req.content.decode([String: String].self))
        let e = try await Self.service(req, user).complete(
            .init(
                day: try f.date("day", "结业日期"), certificate: f.text("certificate"), employer: f.text("employer"),
                incomeBand: f.text("income_band")), enrolmentID: id)
        req.setFlash("\(e.name)已结业")
        return req.redirect(to: TrainingRoutes.showClass(e.classID))
    }

    @Sendable func subsidies(req: Request) async throws -> Response {
        let user = try req.requireUser(in: TrainingAccess.read)
        let year = try Self.year(req)
        let rows = try await req.scope.restrict(EducationSubsidy.query(on: req.db), field: \.$townshipCode)
            .filter(\.$year == year).sort(\.$townshipCode).sort(\.$name).all()
        return htmlResponse(
            TrainingView.subsidies(
                try await req.pageContext(), rows, year: year, regions: try await req.regionDirectory(), user: user,
                today: .today(), noticeDays: try await OfficeSetting.noticeMinimumDays.int(on: req.db)))
    }

    @Sendable func submitSubsidy(req: Request) async throws -> Response {
        let user = try req.requireUser(in: TrainingAccess.enrol)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        let s = try await EducationSubsidyService(
            db: req.db, gate: req.application.writeGate, user: user, today: .today()
        )
        .submit(
            .init(
                year: try f.requiredInteger("year", "年度", range: 2000...2199), idNumber: f.text("id_number"),
                school: f.text("school"), studyYear: try f.requiredInteger("study_year", "年级", range: 1...6),
                noticeStart: try f.date("notice_start", "公示开始"), noticeEnd: try f.date("notice_end", "公示结束")))
        req.setFlash("已提交\(s.name)的中长期职业教育补助，公示至\(s.noticeEnd)")
        return req.redirect(to: TrainingRoutes.subsidies.path(query: [("year", String(s.year))]))
    }

    @Sendable func actOnSubsidy(req: Request) async throws -> Response {
        let user = try req.requireUser(in: TrainingAccess.read)
        guard let id = req.parameters.get("subsidyID", as: UUID.self) else { throw ResettleError.notFound }
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let action = ChangeAction(rawValue: f.text("action")) else { throw ResettleError.invalidInput("操作无效") }
        let s = try await EducationSubsidyService(
            db: req.db, gate: req.application.writeGate, user: user, today: .today()
        )
        .act(action, opinion: f.fields["opinion"] ?? "", subsidyID: id)
        req.setFlash("\(s.name)：\(action.chinese)")
        return req.redirect(to: TrainingRoutes.subsidies.path(query: [("year", String(s.year))]))
    }

    @Sendable func ledger(req: Request) async throws -> Response {
        _ = try req.requireUser(in: TrainingAccess.read)
        let year = try Self.year(req)
        let stats = try await TrainingStatistics.load(year: year, townshipCode: req.scope.townshipCode, on: req.db)
        let classes = try await TrainingClass.query(on: req.db).filter(\.$year == year).sort(\.$startsOn).all()
        let byID = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0) })
        let ids = classes.compactMap(\.id)
        let trainees =
            ids.isEmpty
            ? []
            : try await req.scope.restrict(TrainingEnrolment.query(on: req.db), field: \.$townshipCode)
                .filter(\.$classID ~~ ids).sort(\.$townshipCode).sort(\.$name).all()
        let regions = try await req.regionDirectory()
        return download(
            try TrainingStatistics.ledger(
                stats, trainees: trainees.map { (byID[$0.classID]!, $0) }, names: { regions.name($0) }),
            name: "培训台账-\(year).xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}
