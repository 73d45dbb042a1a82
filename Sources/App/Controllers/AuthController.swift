import Fluent
import Vapor

struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: form)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
    }

    struct LoginForm: Content {
        var username: String
        var password: String
    }

    @Sendable func form(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: "/") }
        return htmlResponse(LoginView.render(try await req.pageContext(), username: "", error: nil))
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        do {
            let user = try await Authentication.verify(username: form.username, password: form.password, on: req)
            // A fresh session id on login, so a session id planted before login is useless.
            if let oldID = req.session.id {
                try await req.application.sessions.driver.deleteSession(oldID, for: req).get()
            }
            req.session.id = nil
            req.session.data = SessionData()
            req.session.data[UserSessionAuthenticator.sessionKey] = user.id?.uuidString
            req.session.data[CSRFMiddleware.sessionKey] = Secrets.randomToken()
            return req.redirect(to: "/")
        } catch let error as ResettleError {
            req.logger.notice("login failed for \(form.username): \(error.code)")
            let page = LoginView.render(try await req.pageContext(), username: form.username, error: error.reason)
            return htmlResponse(page, status: error.status == .tooManyRequests ? .tooManyRequests : .unauthorized)
        }
    }

    @Sendable func logout(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: "/login")
    }
}

/// Password checks with lock-out: after a set number of failures in a row the account is
/// locked for a set number of minutes, whatever password is tried.
enum Authentication {
    static func verify(username: String, password: String, on req: Request) async throws -> User {
        let name = username.trimmingCharacters(in: .whitespaces)
        guard let user = try await User.query(on: req.db).filter(\.$username == name).first(), user.isActive else {
            // Spend the same time as a real check, so timing does not reveal which names exist.
            _ = try? await req.password.async.verify(password, created: dummyHash)
            throw ResettleError.invalidInput("用户名或密码错误")
        }
        let now = Date()
        if let until = user.lockedUntil, until > now { throw ResettleError.locked(until: until) }
        let ok = try await req.password.async.verify(password, created: user.passwordHash)
        let attempts = try await OfficeSetting.lockoutAttempts.int(on: req.db)
        let minutes = try await OfficeSetting.lockoutMinutes.int(on: req.db)
        if ok {
            if user.failedLogins != 0 || user.lockedUntil != nil {
                user.failedLogins = 0
                user.lockedUntil = nil
                try await user.save(on: req.db)
            }
            return user
        }
        user.failedLogins += 1
        var lockedUntil: Date?
        if user.failedLogins >= attempts {
            lockedUntil = now.addingTimeInterval(Double(minutes) * 60)
            user.lockedUntil = lockedUntil
            user.failedLogins = 0
        }
        try await user.save(on: req.db)
        let wasLocked = lockedUntil != nil
        try await req.application.writeGate.run {
            try await req.db.transaction { tx in
                try await AuditLog.append(
                    actor: name, action: wasLocked ? "login.locked" : "login.failed", entity: "user",
                    entityID: name, townshipCode: nil, before: nil, after: nil, on: tx)
            }
        }
        if let lockedUntil { throw ResettleError.locked(until: lockedUntil) }
        throw ResettleError.invalidInput("用户名或密码错误")
    }

    /// bcrypt of a random string, used only to equalise timing for unknown user names.
    static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhuK0vRSuPtC8PZ3bZpLp8cH3eI2x1zXW."
}
