import Fluent
import ResettleCore
import Vapor

/// Re-issue and recovery lists, scoped to the user's township.
struct PaymentCasesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(PaymentCaseRoutes.reissues, use: reissues)
        routes.on(PaymentCaseRoutes.recoveries, use: recoveries)
        routes.on(PaymentCaseRoutes.scan, use: scan)
        routes.on(PaymentCaseRoutes.update, use: update)
    }

    @Sendable func reissues(req: Request) async throws -> Response {
        try req.requireUser(in: PaymentAccess.read)
        let cases = try await req.scope.restrict(ReissueCase.query(on: req.db), field: \.$townshipCode)
            .sort(\.$status).sort(\.$period).sort(\.$idNumber).all()
        let people = try await Person.query(on: req.db).filter(\.$id ~~ cases.map(\.personID)).all()
        let cards = Dictionary(
            people.compactMap { p in p.id.map { ($0, p.cardNumber ?? "") } }, uniquingKeysWith: { a, _ in a })
        let regions = try await req.regionDirectory()
        // The roll that holds each case: a case is paid by that roll alone (see `RollGenerator.addReissues`).
        let claimIDs = Array(Set(cases.compactMap(\.reissueRollID)))
        let rolls =
            claimIDs.isEmpty
            ? [:]
            : Dictionary(
                try await PaymentRoll.query(on: req.db).filter(\.$id ~~ claimIDs).all().compactMap { r in
                    r.id.map { ($0, r) }
                },
                uniquingKeysWith: { a, _ in a })
        let model = ReissueListModel(
            rows: cases.map { c in
                let current = cards[c.personID] ?? ""
                let ready = c.statusValue == .open && !current.isEmpty && current != c.failedCard
                return .init(
                    personID: c.personID.uuidString, name: c.name, idNumber: c.idNumber,
                    township: regions.name(c.townshipCode), period: Figures.period(c.period),
                    amount: Figures.yuan(c.amountFen), failedCard: c.failedCard, currentCard: current,
                    failure: c.failure,
                    status: c.statusValue == .open ? (ready ? "待补发（账户已更正）" : "待更正账户") : c.statusValue.chinese,
                    ready: ready || c.statusValue == .reissued,
                    claimRollID: c.reissueRollID.map(\.uuidString) ?? "",
                    claimRoll: c.reissueRollID.flatMap { rolls[$0] }.map {
                        "\(Figures.period($0.period))（\($0.statusValue.chinese)）"
                    }
                        ?? "")
            })
        return htmlResponse(PaymentCasesView.reissues(try await req.pageContext(), model))
    }

    @Sendable func recoveries(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.read)
        let cases = try await req.scope.restrict(RecoveryCase.query(on: req.db), field: \.$townshipCode)
            .sort(\.$status).sort(\.$period).sort(\.$idNumber).all()
        let regions = try await req.regionDirectory()
        let model = RecoveryListModel(
            rows: cases.map { c in
                .init(
                    id: c.id!.uuidString, personID: c.personID.uuidString, name: c.name, idNumber: c.idNumber,
                    township: regions.name(c.townshipCode), period: Figures.period(c.period),
                    amount: Figures.yuan(c.amountFen),
                    reason: IneligibilityReason(rawValue: c.reason)?.chinese ?? c.reason, status: c.statusValue.chinese,
                    open: c.statusValue == .open, notes: c.notes)
            },
            canEdit: PaymentAccess.operate.contains(user.roleValue),
            openTotal: Figures.yuan(cases.filter { $0.statusValue == .open }.reduce(0) { $0 + $1.amountFen }),
            statuses: RecoveryCase.Status.allCases.map { ($0.rawValue, $0.chinese) })
        return htmlResponse(PaymentCasesView.recoveries(try await req.pageContext(), model))
    }

    @Sendable func scan(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.operate)
        let app = req.application
        let actor = user.username
        // A scan reads every approved roll's lines of everyone whose status changed: a job.
        let id = try await app.jobs.submit(
            .init(kind: .recoveryScan, title: "追缴核查（已审批花名册 × 人员状态变动）", actor: actor, townshipCode: nil) { progress in
                var scanner = RecoveryScanner(db: app.db, gate: app.writeGate, actor: actor)
                scanner.progress = progress
                let opened = try await scanner.scan()
                return JobResult(
                    path: PaymentCaseRoutes.recoveries.path(),
                    summary: opened == 0 ? "未发现新的应追缴款项" : "新发现 \(opened) 笔应追缴款项")
            })
        return req.redirect(to: JobsRoutes.show(id))
    }

    struct UpdateForm: Content {
        var status: String
        var note: String?
    }

    @Sendable func update(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.operate)
        guard let id = req.parameters.get("caseID", as: UUID.self) else { throw ResettleError.notFound }
        let f = try req.content.decode(UpdateForm.self)
        guard let status = RecoveryCase.Status(rawValue: f.status) else { throw ResettleError.invalidInput("状态无效") }
        _ = try await RecoveryScanner.update(
            caseID: id, status: status, note: f.note ?? "", user: user, gate: req.application.writeGate, on: req.db)
        req.setFlash("已保存")
        return req.redirect(to: PaymentCaseRoutes.recoveries.path())
    }
}
