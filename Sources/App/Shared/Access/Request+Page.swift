import Fluent
import Vapor

extension Request {
    var currentUser: User? { auth.get(User.self) }

    func requireUser() throws -> User {
        guard let user = currentUser else { throw ResettleError.notLoggedIn }
        return user
    }

    /// The signed-in user, if their role is one of `roles`: every handler's first check.
    @discardableResult
    func requireUser(in roles: Set<Role>) throws -> User {
        let user = try requireUser()
        guard roles.contains(user.roleValue) else { throw ResettleError.forbidden }
        return user
    }

    var scope: AccessScope { currentUser.map(AccessScope.init(user:)) ?? AccessScope(townshipCode: "-") }

    /// The frame every page is drawn in: who is logged in, what they may open, the CSRF token.
    func pageContext(flash: String? = nil) async throws -> PageContext {
        guard let user = currentUser else { return .anonymous(currentPath: url.path, flash: flash) }
        let role = user.roleValue
        var townshipName: String?
        if let code = user.townshipCode, role == .township {
            // From the application's region directory: no query per page.
            townshipName = try await regionDirectory().byCode[code]?.name
        }
        var ctx = PageContext.signedIn(
            displayName: user.displayName, role: role, townshipName: townshipName, csrf: csrfToken,
            currentPath: url.path,
            flash: flash ?? takeFlash())
        ctx.formEcho = takeFormEcho()
        return ctx
    }

    func setFlash(_ message: String) { session.data["flash"] = message }

    private func takeFlash() -> String? {
        guard hasSession, let message = session.data["flash"] else { return nil }
        session.data["flash"] = nil
        return message
    }
}

/// A rendered HTML page as a response.
func htmlResponse(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
    var headers = HTTPHeaders()
    headers.contentType = .html
    headers.add(name: .cacheControl, value: "no-store")
    return Response(status: status, headers: headers, body: .init(string: html))
}

/// Pages and API calls below this need a logged-in user; pages send strangers to the login form.
///
/// A user whose password an administrator gave out may open only the password page (and log
/// out) until they have set their own.
struct RequireUserMiddleware: AsyncMiddleware {
    static let openBeforePasswordChange: Set<String> = [
        UsersRoutes.passwordForm.path(), UsersRoutes.logout.path(),
    ]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else {
            if request.url.path.hasPrefix(ApplicationRoutes.apiPrefix) { throw ResettleError.notLoggedIn }
            return request.redirect(to: UsersRoutes.loginForm.path())
        }
        if let user = request.currentUser, user.mustChangePassword, request.storage[AuthenticatedByToken.self] != true,
            !Self.openBeforePasswordChange.contains(request.url.path)
        {
            if request.url.path.hasPrefix(ApplicationRoutes.apiPrefix) {
                throw ResettleError.invalidInput("请先在网页上修改管理员设定的密码")
            }
            return request.redirect(to: UsersRoutes.passwordForm.path())
        }
        return try await next.respond(to: request)
    }
}

/// Only these roles may pass.
struct RequireRoleMiddleware: AsyncMiddleware {
    let allowed: Set<Role>

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.currentUser, allowed.contains(user.roleValue) else { throw ResettleError.forbidden }
        return try await next.respond(to: request)
    }
}
