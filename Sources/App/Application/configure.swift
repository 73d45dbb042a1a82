import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// Sets up one application: database, migrations, sessions, middleware, routes and commands.
/// The server, every CLI command and every test go through here, so they all see the same system.
public func configure(_ app: Application, database: DatabaseChoice? = nil) async throws {
    let choice = try database ?? DatabaseChoice.fromEnvironment()
    try await choice.install(on: app)
    // The audit key and anchor file, outside the database; before anything can append.
    try AuditTrail.install(on: app)
    app.fileStore = try FileStore.fromEnvironment(app)

    app.migrations.add(Capabilities.migrations)
    app.sessions.use { _ in ServerSessions() }
    app.sessions.configuration.cookieName = "resettle_session"
    app.sessions.configuration.cookieFactory = { sessionID in
        HTTPCookies.Value(
            string: sessionID.string, expires: nil, maxAge: nil, domain: nil, path: "/",
            isSecure: Environment.get("RESETTLE_SECURE_COOKIES") == "1", isHTTPOnly: true, sameSite: .strict)
    }
    // Every form and JSON body is small; only upload routes (`RoutesBuilder.upload`) take
    // large bodies, streamed to disk after login and role checks.
    app.routes.defaultMaxBodySize = "256kb"
    app.loginThrottle = LoginThrottle()
    SessionLimits.install(on: app)
    app.passwords.use(.bcrypt(cost: app.environment == .testing ? 4 : 12))

    app.middleware = Middlewares()
    app.middleware.use(await AppMetrics.install(on: app))
    app.middleware.use(RequestIDMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ResettleErrorMiddleware(environment: app.environment))
    app.middleware.use(FileMiddleware(publicDirectory: ResourcePaths.publicDirectory, defaultFile: nil))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(UserSessionAuthenticator())
    app.middleware.use(APITokenAuthenticator())
    app.middleware.use(FormEchoMiddleware())

    try routes(app)
    registerCommands(app)
}

func registerCommands(_ app: Application) {
    app.asyncCommands.use(ResettleServeCommand(), as: "serve", isDefault: true)
    for capability in Capabilities.all {
        for (name, command) in capability.commands { app.asyncCommands.use(command, as: name) }
    }
}
