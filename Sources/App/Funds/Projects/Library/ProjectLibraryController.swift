import Fluent
import ResettleCore
import Vapor

/// The project library file: the import page, the upload, and the annual plan's export.
struct ProjectLibraryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(ProjectRoutes.importForm, use: form)
        routes.on(ProjectRoutes.importUpload, use: upload)
        routes.on(ProjectRoutes.annualPlan, use: annualPlan)
    }

    @Sendable func form(req: Request) async throws -> Response {
        try req.requireUser(in: FundsAccess.townshipSteps)
        return htmlResponse(ProjectsView.importPage(try await req.pageContext(), issues: []))
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.townshipSteps)
        let upload = try await StreamedUpload.read(req, maxBytes: 20 * 1024 * 1024)
        let importer = ProjectLibraryImporter(db: req.db, gate: req.application.writeGate, user: user)
        switch try await importer.run(data: try upload.data(), fileName: upload.fileName) {
        case .imported(let count):
            req.setFlash("已从“\(upload.fileName)”导入\(count)个项目（均为村级议事公示阶段）")
            return req.redirect(to: ProjectRoutes.list.path())
        case .refused(let issues):
            return htmlResponse(
                ProjectsView.importPage(try await req.pageContext(), issues: issues.map(FileIssueRow.init)),
                status: .unprocessableEntity)
        }
    }

    @Sendable func annualPlan(req: Request) async throws -> Response {
        try req.requireUser(in: FundsAccess.read)
        let (year, _) = try await FundsController.year(req)
        let data = try await AnnualPlanExport.xlsx(
            year: year, scope: req.scope, regions: try await req.regionDirectory(), on: req.db)
        return download(
            data, name: "\(year)年度计划表.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}
