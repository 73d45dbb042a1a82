import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Logs in the user whose id the session holds, if that user is still active.
struct UserSessionAuthenticator: AsyncMiddleware {
    static let sessionKey = "uid"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.hasSession, let raw = request.session.data[Self.sessionKey], let id = UUID(uuidString: raw),
            let user = try await request.application.signedInUsers.user(
                id: id, version: try await request.registerVersion(), on: request.db),
            user.isActive
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

/// The users that sessions name, as last read, so a page view does not read its user again.
///
/// An entry holds while the register version (the newest audit entry) is the one it was read
/// at: creating a user, and any future change of role, township or standing, is audited in
/// the same transaction, so such a change ends every entry on the next page. The counters
/// that login keeps (failed attempts, lock) are not audited and not needed here; login reads
/// the row itself. Entries are values, and each request gets a `User` of its own.
final class SignedInUserCache: Sendable {
    private struct Entry {
        var id: UUID
        var username: String
        var displayName: String
        var passwordHash: String
        var role: String
        var townshipCode: String?
        var isActive: Bool
        var mustChangePassword: Bool
        var version: Int
        var at: Date
    }

    static let maxAgeSeconds: TimeInterval = 30
    static let maxEntries = 1_000

    private let entries = NIOLockedValueBox<[UUID: Entry]>([:])

    func user(id: UUID, version: Int, on db: any Database, now: Date = Date()) async throws -> User? {
        if let e = entries.withLockedValue({ $0[id] }), e.version == version,
            now.timeIntervalSince(e.at) < Self.maxAgeSeconds
        {
            return Self.user(from: e)
        }
        guard let user = try await User.find(id, on: db) else {
            entries.withLockedValue { _ = $0.removeValue(forKey: id) }
            return nil
        }
        let entry = Entry(
            id: id, username: user.username, displayName: user.displayName, passwordHash: user.passwordHash,
            role: user.role,
            townshipCode: user.townshipCode, isActive: user.isActive, mustChangePassword: user.mustChangePassword,
            version: version, at: now)
        entries.withLockedValue {
            if $0.count >= Self.maxEntries, $0[id] == nil { $0.removeAll(keepingCapacity: true) }
            $0[id] = entry
        }
        return user
    }

    private static func user(from e: Entry) -> User {
        let user = User(
            username: e.username, displayName: e.displayName, passwordHash: e.passwordHash, role: .discipline,
            townshipCode: e.townshipCode)
        user.id = e.id
        user.$id.exists = true
        user.role = e.role
        user.isActive = e.isActive
        user.mustChangePassword = e.mustChangePassword
        return user
    }
}

extension Application {
    private struct SignedInUserCacheKey: StorageKey {
        typealias Value = SignedInUserCache
    }

    var signedInUsers: SignedInUserCache {
        sharedInstance(SignedInUserCacheKey.self) { SignedInUserCache() }
    }
}
