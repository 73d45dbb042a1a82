import Vapor

/// A refused upload's problems at addresses that do not change (the import result page and the
/// jobs page link to them). Outside the role group of the import pages: `ImportRefusals.find`
/// answers 404 to a user outside the upload's township scope before any role check, so a
/// township user cannot tell a county upload exists.
struct ImportRefusalController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(RegisterImportRoutes.refusalErrors, use: errors)
        routes.on(RegisterImportRoutes.refusalAnnotated, use: annotated)
    }

    @Sendable func errors(req: Request) async throws -> Response {
        try ImportRefusals.errorListDownload(try await refusal(req))
    }

    @Sendable func annotated(req: Request) async throws -> Response {
        try await ImportRefusals.annotatedDownload(try await refusal(req), on: req.db)
    }

    private func refusal(_ req: Request) async throws -> ImportRefusal {
        try await ImportRefusals.find(
            req.parameters.get("fileID", as: UUID.self), for: try req.requireUser(), on: req.db)
    }
}
