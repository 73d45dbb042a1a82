import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Sessions kept in the `user_sessions` table and ended on the server: after a set time
/// without a request (idle, default 30 minutes) and a set time after login whatever happens
/// (absolute, default 12 hours). A session exists only once something is stored in it, which
/// the application does at login and nowhere before, so anonymous requests add no rows.
///
/// Vapor calls `updateSession` after every request that carried a session cookie. Writing the
/// row each time would make every page view a database write; this driver writes only when
/// the data changed or the last-seen time is more than a minute old.
struct ServerSessions: AsyncSessionDriver {
    /// Within this many seconds of the last recorded request, a request does not rewrite it.
    static let touchInterval: Double = 60

    private struct Row: Decodable {
        var data_json: String
        var created_at: Double
        var last_seen_at: Double
        var register_version: Int?
    }

    /// What `readSession` saw, so `updateSession` can tell whether anything changed.
    private struct ReadState: StorageKey {
        typealias Value = (data: SessionData, lastSeen: Double)
    }

    static func keyHash(_ id: SessionID) -> String { Secrets.sha256Hex(id.string) }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: Secrets.randomToken())
        // Vapor opens an empty session for a cookie it cannot find (expired, forged); storing
        // it would let anyone add rows. An empty session is never written.
        if data.snapshot.isEmpty { return id }
        let now = Date().timeIntervalSince1970
        let json = try Self.encode(data)
        try await request.application.writeGate.run {
            try await Self.sql(request).insert(into: "user_sessions")
                .columns("key_hash", "data_json", "created_at", "last_seen_at")
                .values(SQLBind(Self.keyHash(id)), SQLBind(json), SQLBind(now), SQLBind(now))
                .run()
        }
        request.storage[ReadState.self] = (data, now)
        return id
    }

    func readSession(_ id: SessionID, for request: Request) async throws -> SessionData? {
        let sql = Self.sql(request)
        // The register version comes along in the same round trip: nearly every page asks for
        // it (see `Request.registerVersion()`), and a query saved is a good part of a page view.
        guard
            let row = try await sql.select().columns("data_json", "created_at", "last_seen_at")
                .column(SQLRaw(RegisterVersion.subquery), as: "register_version")
                .from("user_sessions").where("key_hash", .equal, SQLBind(Self.keyHash(id))).first(decoding: Row.self)
        else { return nil }
        request.noteRegisterVersion(row.register_version ?? 0)
        let limits = try await SessionLimits.current(for: request)
        let now = Date().timeIntervalSince1970
        if now - row.last_seen_at > limits.idleSeconds || now - row.created_at > limits.absoluteSeconds {
            try await deleteSession(id, for: request)
            return nil
        }
        let data = try JSONDecoder().decode(SessionData.self, from: Data(row.data_json.utf8))
        request.storage[ReadState.self] = (data, row.last_seen_at)
        return data
    }

    func updateSession(_ id: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let now = Date().timeIntervalSince1970
        let seen = request.storage[ReadState.self]
        if let seen, seen.data == data {
            if now - seen.lastSeen < Self.touchInterval { return id }
            // Only the last-seen time moves: not worth waiting behind a long import for. If
            // the database is busy the touch is skipped; the next request a minute on retries.
            do {
                try await Self.sql(request).update("user_sessions").set("last_seen_at", to: SQLBind(now))
                    .where("key_hash", .equal, SQLBind(Self.keyHash(id))).run()
            } catch {
                request.logger.debug("session touch skipped: \(error)")
            }
            return id
        }
        let json = try Self.encode(data)
        try await request.application.writeGate.run {
            try await Self.sql(request).update("user_sessions")
                .set("data_json", to: SQLBind(json)).set("last_seen_at", to: SQLBind(now))
                .where("key_hash", .equal, SQLBind(Self.keyHash(id))).run()
        }
        return id
    }

    func deleteSession(_ id: SessionID, for request: Request) async throws {
        try await request.application.writeGate.run {
            try await Self.sql(request).delete(from: "user_sessions").where(
                "key_hash", .equal, SQLBind(Self.keyHash(id))
            ).run()
        }
    }

    /// Removes every session past its idle or absolute limit; run at each login.
    static func purgeExpired(on db: any Database) async throws {
        let limits = try await SessionLimits.read(on: db)
        let now = Date().timeIntervalSince1970
        try await (db as! any SQLDatabase).delete(from: "user_sessions")
            .where("last_seen_at", .lessThan, SQLBind(now - limits.idleSeconds))
            .orWhere("created_at", .lessThan, SQLBind(now - limits.absoluteSeconds))
            .run()
    }

    private static func sql(_ request: Request) -> any SQLDatabase { request.db as! any SQLDatabase }

    private static func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }
}

/// The two session timeouts, read from the settings at most once a minute per application.
struct SessionLimits: Sendable {
    var idleSeconds: Double
    var absoluteSeconds: Double

    private struct CacheKey: StorageKey {
        typealias Value = NIOLockedValueBox<(read: Date, limits: SessionLimits)?>
    }

    /// Makes the per-application cache; `configure` calls it before any request.
    static func install(on app: Application) {
        app.storage[CacheKey.self] = .init(nil)
    }

    static func read(on db: any Database) async throws -> SessionLimits {
        SessionLimits(
            idleSeconds: Double(try await OfficeSetting.sessionIdleMinutes.int(on: db)) * 60,
            absoluteSeconds: Double(try await OfficeSetting.sessionAbsoluteMinutes.int(on: db)) * 60)
    }

    static func current(for request: Request) async throws -> SessionLimits {
        guard let box = request.application.storage[CacheKey.self] else { return try await read(on: request.db) }
        if let cached = box.withLockedValue({ $0 }), Date().timeIntervalSince(cached.read) < 60 { return cached.limits }
        let limits = try await read(on: request.db)
        box.withLockedValue { $0 = (Date(), limits) }
        return limits
    }
}
