import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Figures computed from the register, kept while the register is unchanged.
///
/// Every write to people, households and change requests appends to `audit_entries` in the
/// same transaction (the audit rule), so the last audit `seq` — one read at the end of the
/// primary key — says whether anything a count depends on can have changed. It is read before
/// computing, so a write that commits during the computation only makes the next call compute
/// again. `maxAgeSeconds` bounds the age anyway, and past `maxEntries` keys the table starts
/// again, so a crawl through many different searches cannot grow it without end.
final class RegisterVersionedCache<Value: Sendable>: Sendable {
    let maxEntries: Int
    let maxAgeSeconds: TimeInterval

    private struct Entry {
        var value: Value
        var auditSeq: Int
        var at: Date
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    init(maxEntries: Int, maxAgeSeconds: TimeInterval) {
        self.maxEntries = maxEntries
        self.maxAgeSeconds = maxAgeSeconds
    }

    /// `version` is the register version read before computing (`Request.registerVersion()`).
    func value(for key: String, version seq: Int, now: Date = Date(), compute: () async throws -> Value) async throws
        -> Value
    {
        if let entry = entries.withLockedValue({ $0[key] }), entry.auditSeq == seq,
            now.timeIntervalSince(entry.at) < maxAgeSeconds
        {
            return entry.value
        }
        let value = try await compute()
        entries.withLockedValue {
            if $0.count >= maxEntries, $0[key] == nil { $0.removeAll(keepingCapacity: true) }
            $0[key] = Entry(value: value, auditSeq: seq, at: now)
        }
        return value
    }
}

/// The register's version: the `seq` of the last audit entry, 0 before the first.
enum RegisterVersion {
    private struct Row: Decodable { let seq: Int? }

    /// The subquery that gives the version, for a query that reads it alongside something else.
    static let subquery = "(SELECT MAX(seq) FROM audit_entries)"

    static func lastAuditSeq(on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("SELECT \(unsafeRaw: subquery) AS seq").first(decoding: Row.self)?.seq
            ?? 0
    }

    /// The version as this request has seen it, see `Request.registerVersion()`.
    struct SeenKey: StorageKey {
        typealias Value = Int
    }
}

extension Request {
    /// The register version, read once per page view and shared by every cache the page
    /// asks. A GET or HEAD only reads, so the version it saw first holds for all of it (the
    /// session driver reads it in the same query as the session). Any other method may
    /// write, so it reads the version afresh each time.
    func registerVersion() async throws -> Int {
        let readOnly = method == .GET || method == .HEAD
        if readOnly, let seen = storage[RegisterVersion.SeenKey.self] { return seen }
        let seq = try await RegisterVersion.lastAuditSeq(on: db)
        if readOnly { storage[RegisterVersion.SeenKey.self] = seq }
        return seq
    }

    /// Records a version read together with other data (the session row).
    func noteRegisterVersion(_ seq: Int) {
        if method == .GET || method == .HEAD { storage[RegisterVersion.SeenKey.self] = seq }
    }
}

private struct SharedInstanceLock: LockKey {}

extension Application {
    /// One instance per application, made on first use. The lock keeps two first requests from
    /// racing on `storage`, which is not safe to write concurrently.
    func sharedInstance<Key: StorageKey>(_ key: Key.Type, make: () -> Key.Value) -> Key.Value {
        locks.lock(for: SharedInstanceLock.self).withLock {
            if let value = storage[Key.self] { return value }
            let value = make()
            storage[Key.self] = value
            return value
        }
    }
}
