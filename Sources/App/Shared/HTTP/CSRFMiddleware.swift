import Vapor

/// Rejects any state-changing request that does not carry the expected CSRF token, either as
/// the `_csrf` form field or the `X-CSRF-Token` header. Requests authenticated by an API token
/// carry no cookie, so a forged cross-site request cannot use them; they are let through.
///
/// The expected token is the session's; before login, when there is no session, it is the
/// login form's double-submit cookie. The body is read only up to the small limit every
/// non-upload route has, so a stranger's huge post costs nothing; upload routes stream their
/// body and check the token in `StreamedUpload.read`, after login and role are known.
struct CSRFMiddleware: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let fieldName = "_csrf"
    /// The login form's token: a cookie the form's field must repeat.
    static let loginCookie = "resettle_login_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method), Self.requiresToken(request),
            request.route?.userInfo[StreamedUpload.routeMarker] == nil
        else {
            return try await next.respond(to: request)
        }
        let expected = Self.expectedToken(request)
        var presented = request.headers.first(name: "X-CSRF-Token")
        if presented == nil, expected != nil {
            // Forms post the token in the body; collect it here (within the route limit), the
            // handler reuses it.
            try await Self.collectBody(request)
            presented = try? request.content.get(String.self, at: Self.fieldName)
        }
        guard let expected, let presented, Secrets.constantTimeEqual(expected, presented) else {
            throw ResettleError.csrfRejected
        }
        return try await next.respond(to: request)
    }

    /// Requests authenticated by an API token carry no cookie, so they need no token.
    static func requiresToken(_ request: Request) -> Bool {
        request.storage[AuthenticatedByToken.self] != true
    }

    /// The session's token; before login, the login form's cookie.
    static func expectedToken(_ request: Request) -> String? {
        let fromSession = request.hasSession ? request.session.data[sessionKey] : nil
        return fromSession ?? request.cookies[loginCookie]?.string
    }

    /// Collects at most the application's default body limit; a declared or actual body over
    /// it answers 413 without reading the rest.
    static func collectBody(_ request: Request) async throws {
        let limit = request.application.routes.defaultMaxBodySize.value
        if let body = request.body.data {
            if body.readableBytes > limit { throw ResettleError.tooLarge(limitMB: 0) }
            return
        }
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
            throw ResettleError.tooLarge(limitMB: 0)
        }
        do {
            _ = try await request.body.collect(max: limit).get()
        } catch let error as any AbortError where error.status == .payloadTooLarge {
            throw ResettleError.tooLarge(limitMB: 0)
        }
    }
}

extension Request {
    /// The session's CSRF token, created on first use. Only called for signed-in users: a
    /// token stored in a session creates that session.
    var csrfToken: String {
        if let token = session.data[CSRFMiddleware.sessionKey] { return token }
        let token = Secrets.randomToken()
        session.data[CSRFMiddleware.sessionKey] = token
        return token
    }
}
