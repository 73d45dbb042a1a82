import Vapor

/// Every route of the system: the health check, the API document, then each capability's
/// pages and API calls. Pages and API share the authentication middleware; each handler then
/// checks role and township itself through the services it calls.
func routes(_ app: Application) throws {
    app.get("healthz", use: HealthController.check)

    let forms = app.grouped(CSRFMiddleware(), NULGuardMiddleware())
    let api = app.grouped("api", "v1")
    api.get("openapi.json", use: OpenAPIController.document)
    let routes = CapabilityRoutes(
        open: forms, pages: forms.grouped(RequireUserMiddleware()),
        api: api.grouped(CSRFMiddleware(), NULGuardMiddleware(), RequireUserMiddleware()))
    for capability in Capabilities.all {
        try capability.routes(routes)
    }
}
