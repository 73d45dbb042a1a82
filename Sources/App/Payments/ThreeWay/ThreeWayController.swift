import Fluent
import ResettleCore
import Vapor

/// The three-way match page and the provincial list upload.
struct ThreeWayController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(ThreeWayRoutes.show, use: show)
        routes.on(ThreeWayRoutes.upload, use: upload)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.reconcile)
        let roll = try await PaymentAccess.roll(req)
        let model = try await Self.model(req, user: user, roll: roll, issues: [])
        return htmlResponse(ThreeWayView.render(try await req.pageContext(), model))
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.operate)
        let roll = try await PaymentAccess.roll(req)
        let upload = try await StreamedUpload.read(req)
        let importer = ProvincialListImporter(db: req.db, gate: req.application.writeGate, actor: user.username)
        switch try await importer.run(roll: roll, data: try upload.data(), fileName: upload.fileName) {
        case .imported(let list):
            req.setFlash("已导入省级系统名单 \(list.rowCount) 行")
            return req.redirect(to: ThreeWayRoutes.show(roll.id!, list: list.id!.uuidString))
        case .refused(let issues, _):
            let model = try await Self.model(req, user: user, roll: roll, issues: issues)
            return htmlResponse(ThreeWayView.render(try await req.pageContext(), model), status: .unprocessableEntity)
        }
    }

    static func model(_ req: Request, user: User, roll: PaymentRoll, issues: [BankImportIssue]) async throws
        -> ThreeWayModel
    {
        let rollID = try roll.requireID()
        // A voided result is no longer a bank result of the roll: it is not offered, nor taken by its id.
        let results = try await BankResult.query(on: req.db).filter(\.$rollID == rollID)
            .filter(\.$voidedAt == nil).sort(\.$importedAt, .descending).all()
        let lists = try await ProvincialList.query(on: req.db).filter(\.$rollID == rollID).sort(
            \.$importedAt, .descending
        ).all()
        let resultID = try req.queryParameters.uuid("result") ?? results.first?.id
        let listID = try req.queryParameters.uuid("list") ?? lists.first?.id
        let result = results.first { $0.id == resultID }
        let list = lists.first { $0.id == listID }
        var match: ThreeWayMatch?
        if let result, let list {
            match = try await ThreeWayMatch.compare(roll: roll, result: result, province: list, on: req.db)
        }
        return ThreeWayModel(
            rollID: rollID.uuidString, period: roll.period,
            results: results.map { .init(id: $0.id!.uuidString, label: "\($0.fileName)（\($0.rowCount)行）") },
            provincialLists: lists.map { .init(id: $0.id!.uuidString, label: "\($0.fileName)（\($0.rowCount)行）") },
            selectedResult: result?.id?.uuidString ?? "", selectedList: list?.id?.uuidString ?? "",
            pairs: (match?.pairs ?? []).map { p in
                .init(
                    label: p.label,
                    counts: ReconciliationDifference.Kind.allCases.map { ($0.rawValue, $0.chinese, p.counts[$0] ?? 0) },
                    total: p.total)
            },
            rows: (match?.rows ?? []).map {
                .init(idNumber: $0.idNumber, roll: $0.roll, bank: $0.bank, province: $0.province)
            },
            differingIDs: match?.differingIDs ?? 0, allAgree: match?.allAgree ?? false, compared: match != nil,
            canImport: PaymentAccess.operate.contains(user.roleValue),
            issues: issues.map(FileIssueRow.init))
    }
}
