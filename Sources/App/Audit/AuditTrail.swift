import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// What one application keeps of the audit trail outside the database: the MAC key and the
/// anchor file, plus the newest row it appended and has not anchored yet.
final class AuditTrail: Sendable {
    let key: AuditKey
    let anchors: AuditAnchorFile?
    private let pending = NIOLockedValueBox<AuditAnchor?>(nil)

    init(key: AuditKey, anchors: AuditAnchorFile?) {
        self.key = key
        self.anchors = anchors
    }

    /// `RESETTLE_AUDIT_KEY_FILE` / `RESETTLE_AUDIT_ANCHOR_FILE`, else `audit.key` and
    /// `audit-anchors.log` in the data directory. Tests get a key in memory and an anchor file in
    /// a directory of their own, so no two tests share either.
    static func fromEnvironment(_ app: Application) throws -> AuditTrail {
        let keyPath = Environment.get("RESETTLE_AUDIT_KEY_FILE").flatMap { $0.isEmpty ? nil : $0 }
        let anchorPath = Environment.get("RESETTLE_AUDIT_ANCHOR_FILE").flatMap { $0.isEmpty ? nil : $0 }
        if app.environment == .testing {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "resettle-audit-\(UUID().uuidString)")
            app.lifecycle.use(RemoveDirectoryOnShutdown(path: directory.path))
            return AuditTrail(
                key: try keyPath.map(AuditKey.loadOrCreate(at:)) ?? .random(),
                anchors: AuditAnchorFile(path: anchorPath ?? directory.appendingPathComponent("audit-anchors.log").path)
            )
        }
        let data = try DataDirectory.ensure()
        return AuditTrail(
            key: try AuditKey.loadOrCreate(at: keyPath ?? data.appendingPathComponent("audit.key").path),
            anchors: AuditAnchorFile(path: anchorPath ?? data.appendingPathComponent("audit-anchors.log").path))
    }

    /// Makes the trail reachable from every `Database` the application hands out (requests,
    /// transactions, commands, services given only a `db`): it rides in the database
    /// configuration, which every database and transaction carries in its context.
    static func install(on app: Application) throws {
        let trail = try app.auditTrail ?? fromEnvironment(app)
        app.auditTrail = trail
        app.databases.middleware.use(Carrier(trail: trail))
    }

    /// The trail of the application this database belongs to.
    static func of(_ db: any Database) -> AuditTrail? {
        for middleware in db.context.configuration.middleware {
            if let carrier = middleware as? Carrier { return carrier.trail }
        }
        return nil
    }

    static func require(_ db: any Database) throws -> AuditTrail {
        guard let trail = of(db) else {
            throw ResettleError.conflict("审计密钥未加载，不能写入或校验审计日志")
        }
        return trail
    }

    /// Called by `AuditLog.append` inside the write's transaction; nothing is written to the
    /// anchor file until the write gate knows the transaction is over.
    func noteAppended(_ anchor: AuditAnchor) {
        pending.withLockedValue { $0 = anchor }
    }

    /// Writes the newest appended head to the anchor file, once its row is visible to a fresh
    /// connection, i.e. committed. A head whose transaction rolled back is dropped: naming a
    /// row that never existed would later read as deleted rows. A missed anchor costs nothing,
    /// since the next one vouches for every row before it through the chain.
    func flushAnchor(on db: any Database, logger: Logger) async {
        guard
            let anchor = pending.withLockedValue({ value -> AuditAnchor? in
                defer { value = nil }
                return value
            })
        else { return }
        guard let anchors else { return }
        do {
            let row = try await (db as! any SQLDatabase)
                .raw("SELECT hash, mac FROM audit_entries WHERE seq = \(bind: anchor.seq)")
                .first(decoding: HashMAC.self)
            guard let row, row.hash == anchor.hash, row.mac == anchor.mac else { return }
            try anchors.append(anchor)
        } catch {
            // The change itself is committed; failing the request now would report a write
            // that happened as failed. The next write anchors again, and verify shows a gap
            // only as fewer anchors.
            logger.critical("审计锚定写入失败：\(error)")
        }
    }

    private struct HashMAC: Decodable {
        let hash: String
        let mac: String?
    }

    /// Carries the trail in the database configuration; passes every model event through.
    struct Carrier: AnyModelMiddleware {
        let trail: AuditTrail

        func handle(
            _ event: ModelEvent, _ model: any AnyModel, on db: any Database, chainingTo next: any AnyModelResponder
        )
            -> EventLoopFuture<Void>
        {
            next.handle(event, model, on: db)
        }
    }
}

extension Application {
    private struct AuditTrailKey: StorageKey {
        typealias Value = AuditTrail
    }

    /// Set before `configure` to use a particular key or anchor file; `configure` fills it otherwise.
    var auditTrail: AuditTrail? {
        get { storage[AuditTrailKey.self] }
        set { storage[AuditTrailKey.self] = newValue }
    }
}
