import Vapor

/// Every route of the system. Pages and API share the authentication middleware; each handler
/// then checks role and township itself through the services it calls.
func routes(_ app: Application) throws {
    app.get("healthz", use: HealthController.check)

    let forms = app.grouped(CSRFMiddleware(), NULGuardMiddleware())
    try forms.register(collection: AuthController())

    let signedIn = forms.grouped(RequireUserMiddleware())
    try signedIn.register(collection: HomeController())
    try signedIn.register(collection: PeopleController())
    try signedIn.register(collection: ChangesController())
    try signedIn.grouped(RequireRoleMiddleware(allowed: [.admin, .county])).register(collection: ImportController())
    try signedIn.grouped(RequireRoleMiddleware(allowed: [.admin, .discipline])).register(collection: AuditController())
    try signedIn.grouped(RequireRoleMiddleware(allowed: [.admin])).register(collection: UsersController())
    let payments = signedIn.grouped(RequireRoleMiddleware(allowed: PaymentAccess.read))
    try payments.register(collection: PaymentsController())
    try payments.register(collection: BankResultsController())
    try payments.register(collection: PaymentCasesController())
    try payments.register(collection: ThreeWayController())

    let api = app.grouped("api", "v1")
    api.get("openapi.json", use: OpenAPIController.document)
    try api.grouped(CSRFMiddleware(), NULGuardMiddleware(), RequireUserMiddleware()).register(collection: APIController())
    try api.grouped(CSRFMiddleware(), NULGuardMiddleware(), RequireUserMiddleware()).register(collection: PaymentsAPIController())
}
