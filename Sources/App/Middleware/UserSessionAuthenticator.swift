import Fluent
import Vapor

/// Logs in the user whose id the session holds, if that user is still active.
struct UserSessionAuthenticator: AsyncMiddleware {
    static let sessionKey = "uid"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.hasSession, let raw = request.session.data[Self.sessionKey], let id = UUID(uuidString: raw),
            let user = try await User.find(id, on: request.db), user.isActive
        {
            request.auth.login(user)
        }
        return try await next.respond(to: request)
    }
}

/// Logs in the owner of a bearer token, for scripts that call the JSON API.
struct APITokenAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if !request.auth.has(User.self), let bearer = request.headers.bearerAuthorization {
            let hash = Secrets.sha256Hex(bearer.token)
            if let token = try await APIToken.query(on: request.db).filter(\.$tokenHash == hash).first(),
                let user = try await User.find(token.userID, on: request.db), user.isActive
            {
                request.auth.login(user)
                request.storage[AuthenticatedByToken.self] = true
            }
        }
        return try await next.respond(to: request)
    }
}

struct AuthenticatedByToken: StorageKey {
    typealias Value = Bool
}
