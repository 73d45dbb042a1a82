import Fluent
import Vapor

extension Request {
    var currentUser: User? { auth.get(User.self) }

    func requireUser() throws -> User {
        guard let user = currentUser else { throw ResettleError.notLoggedIn }
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
        return .signedIn(
            displayName: user.displayName, role: role, townshipName: townshipName, csrf: csrfToken,
            currentPath: url.path,
            flash: flash ?? takeFlash())
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
struct RequireUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else {
            if request.url.path.hasPrefix(ApplicationRoutes.apiPrefix) { throw ResettleError.notLoggedIn }
            return request.redirect(to: UsersRoutes.loginForm.path())
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
