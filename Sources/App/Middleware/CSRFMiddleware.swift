import Vapor

/// Rejects any state-changing request that does not carry the session's CSRF token, either as
/// the `_csrf` form field or the `X-CSRF-Token` header. Requests authenticated by an API token
/// carry no cookie, so a forged cross-site request cannot use them; they are let through.
struct CSRFMiddleware: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method),
            request.storage[AuthenticatedByToken.self] != true
        else {
            return try await next.respond(to: request)
        }
        let expected = request.hasSession ? request.session.data[Self.sessionKey] : nil
        var presented = request.headers.first(name: "X-CSRF-Token")
        if presented == nil {
            // Forms post the token in the body; collect it here, the handler reuses it.
            if request.body.data == nil {
                _ = try await request.body.collect(max: 200 * 1024 * 1024).get()
            }
            presented = try? request.content.get(String.self, at: Self.fieldName)
        }
        guard let expected, let presented, Secrets.constantTimeEqual(expected, presented) else {
            throw ResettleError.csrfRejected
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The session's CSRF token, created on first use.
    var csrfToken: String {
        if let token = session.data[CSRFMiddleware.sessionKey] { return token }
        let token = Secrets.randomToken()
        session.data[CSRFMiddleware.sessionKey] = token
        return token
    }
}
