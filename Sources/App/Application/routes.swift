import Vapor

/// Every route of the system: the health check, the API document, then each capability's
/// pages and API calls. Pages and API share the authentication middleware; each handler then
/// checks role and township itself through the services it calls.
func routes(_ app: Application) throws {
    app.on(ApplicationRoutes.health, use: HealthController.check)
    app.on(ApplicationRoutes.openAPIDocument, use: OpenAPIController.document)

    let forms = app.grouped(CSRFMiddleware(), NULGuardMiddleware())
    let routes = CapabilityRoutes(
        open: forms, pages: forms.grouped(RequireUserMiddleware()),
        api: app.grouped(CSRFMiddleware(), NULGuardMiddleware(), RequireUserMiddleware()))
    for capability in Capabilities.all {
        try capability.routes(routes)
    }
}
