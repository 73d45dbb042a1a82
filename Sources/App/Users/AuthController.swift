import Fluent
import SQLKit
import Vapor

struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(UsersRoutes.loginForm, use: form)
        routes.on(UsersRoutes.login, use: login)
        routes.on(UsersRoutes.logout, use: logout)
    }

    struct LoginForm: Content {
        var username: String
        var password: String
    }

    /// The login form. It creates no session: its CSRF token is a cookie the form repeats
    /// (double submit), so an anonymous visitor leaves nothing on the server.
    @Sendable func form(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: HomeRoutes.home.path()) }
        let token = Self.loginToken(req)
        let response = htmlResponse(
            LoginView.render(try await req.pageContext(), csrf: token, username: "", error: nil))
        Self.setLoginCookie(token, on: response)
        return response
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        do {
            let user = try await Authentication.verify(username: form.username, password: form.password, on: req)
            // A fresh session id on login, so a session id planted before login is useless.
            if req.hasSession, let oldID = req.session.id {
                try await req.application.sessions.driver.deleteSession(oldID, for: req).get()
            }
            try await req.application.writeGate.run { try await ServerSessions.purgeExpired(on: req.db) }
            req.session.id = nil
            req.session.data = SessionData()
            req.session.data[UserSessionAuthenticator.sessionKey] = user.id?.uuidString
            req.session.data[CSRFMiddleware.sessionKey] = Secrets.randomToken()
            let response = req.redirect(to: HomeRoutes.home.path())
            response.cookies[CSRFMiddleware.loginCookie] = .expired
            return response
        } catch let error as ResettleError {
            req.logger.notice("login failed for \(form.username): \(error.code)")
            let token = Self.loginToken(req)
            let page = LoginView.render(
                try await req.pageContext(), csrf: token, username: form.username, error: error.reason)
            let response = htmlResponse(
                page, status: error.status == .tooManyRequests ? .tooManyRequests : .unauthorized)
            Self.setLoginCookie(token, on: response)
            return response
        }
    }

    @Sendable func logout(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: UsersRoutes.loginForm.path())
    }

    /// The visitor's login token, or a new one.
    static func loginToken(_ req: Request) -> String {
        if let token = req.cookies[CSRFMiddleware.loginCookie]?.string, token.count == 64,
            token.allSatisfy(\.isHexDigit)
        {
            return token
        }
        return Secrets.randomToken()
    }

    static func setLoginCookie(_ token: String, on response: Response) {
        response.cookies[CSRFMiddleware.loginCookie] = HTTPCookies.Value(
            string: token, expires: nil, maxAge: 3600, domain: nil, path: UsersRoutes.loginForm.path(),
            isSecure: Environment.get("RESETTLE_SECURE_COOKIES") == "1", isHTTPOnly: true, sameSite: .strict)
    }
}

/// Password checks with lock-out. An attempt is counted in the database before the password
/// is checked (one atomic UPDATE), so parallel guesses cannot all slip in before the counter
/// moves: once the set number of failures is reached the account is locked for a set number
/// of minutes, whatever password is tried. Unknown user names are counted the same way in
/// memory and answer with the same messages, so the answers never tell whether a name exists.
/// Each client address is also throttled (`LoginThrottle`), before any password work.
enum Authentication {
    static let wrongPassword = ResettleError.invalidInput("用户名或密码错误")

    static func verify(username: String, password: String, on req: Request) async throws -> User {
        let name = username.trimmingCharacters(in: .whitespaces)
        let address = LoginThrottle.clientKey(req)
        let throttle = req.application.loginThrottle
        let attempts = try await OfficeSetting.lockoutAttempts.int(on: req.db)
        let minutes = try await OfficeSetting.lockoutMinutes.int(on: req.db)
        let now = Date()
        if let until = throttle.addressBlocked(address, now: now) { throw ResettleError.locked(until: until) }

        guard let user = try await User.query(on: req.db).filter(\.$username == name).first(), user.isActive else {
            // Spend the same time as a real check, so timing does not reveal which names exist.
            if let until = throttle.unknownNameLocked(name, now: now) { throw ResettleError.locked(until: until) }
            _ = try? await req.password.async.verify(password, created: dummyHash)
            throttle.recordFailure(address: address, now: now)
            if let until = throttle.recordUnknownNameFailure(name, attempts: attempts, minutes: minutes, now: now) {
                throw ResettleError.locked(until: until)
            }
            throw wrongPassword
        }
        // Every write here goes through the write gate like any other write: on SQLite a
        // second writer beside the gate would fail with SQLITE_BUSY instead of waiting.
        let gate = req.application.writeGate
        let db = req.db
        guard
            let count = try await gate.run({
                try await reserveAttempt(user: user, attempts: attempts, now: now, on: db)
            })
        else {
            let current = try await User.find(user.id, on: req.db)
            throw ResettleError.locked(until: current?.lockedUntil ?? now.addingTimeInterval(Double(minutes) * 60))
        }
        let ok = try await req.password.async.verify(password, created: user.passwordHash)
        let sql = req.db as! any SQLDatabase
        let userID = try user.requireID()
        if ok {
            try await gate.run {
                try await sql.update("users").set("failed_logins", to: SQLLiteral.numeric("0")).set(
                    "locked_until", to: SQLLiteral.null
                )
                .where("id", .equal, SQLBind(userID)).run()
            }
            return user
        }
        throttle.recordFailure(address: address, now: now)
        let lockedUntil = count >= attempts ? now.addingTimeInterval(Double(minutes) * 60) : nil
        try await gate.write(on: db) { tx, audit in
            if let lockedUntil {
                try await (tx as! any SQLDatabase).update("users").set("locked_until", to: SQLBind(lockedUntil))
                    .set("failed_logins", to: SQLLiteral.numeric("0")).where("id", .equal, SQLBind(userID)).run()
            }
            let wasLocked = lockedUntil != nil
            audit.record(
                actor: name, action: wasLocked ? "login.locked" : "login.failed", entity: "user",
                entityID: name, townshipCode: nil, before: nil, after: nil)
        }
        if let lockedUntil { throw ResettleError.locked(until: lockedUntil) }
        throw wrongPassword
    }

    private struct Count: Decodable { var failed_logins: Int }

    /// Counts one attempt and returns the new count, or nil when the account is locked or its
    /// attempts are used up. The condition and the increment are one statement, so of any
    /// number of parallel attempts at most `attempts` get through.
    static func reserveAttempt(user: User, attempts: Int, now: Date, on db: any Database) async throws -> Int? {
        let sql = db as! any SQLDatabase
        let row = try await sql.raw(
            """
            UPDATE users SET failed_logins = failed_logins + 1
            WHERE id = \(bind: user.id!) AND failed_logins < \(bind: attempts)
              AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING failed_logins
            """
        ).first(decoding: Count.self)
        return row?.failed_logins
    }

    /// bcrypt of a random string, used only to equalise timing for unknown user names.
    static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhuK0vRSuPtC8PZ3bZpLp8cH3eI2x1zXW."
}
