import Fluent
import Foundation
import NIOConcurrencyHelpers

/// The audit entries a write records, appended by the write path in the write's own
/// transaction after the write's changes: they commit together or not at all.
final class AuditEntries: Sendable {
    private let records = NIOLockedValueBox<[AuditLog.Record]>([])

    /// Records one entry; `before` and `after` are taken as they are now.
    func record(
        actor: String, action: String, entity: String, entityID: String, townshipCode: String?,
        before: (any Encodable & Sendable)?, after: (any Encodable & Sendable)?
    ) {
        let record = AuditLog.Record(
            actor: actor, action: action, entity: entity, entityID: entityID, townshipCode: townshipCode,
            beforeJSON: AuditLog.canonicalJSON(before), afterJSON: AuditLog.canonicalJSON(after))
        records.withLockedValue { $0.append(record) }
    }

    fileprivate func take() -> [AuditLog.Record] {
        records.withLockedValue { taken in
            defer { taken = [] }
            return taken
        }
    }
}

extension WriteGate {
    /// The one write path: the write gate, one transaction, and the audit entries `body`
    /// records, appended in that transaction once `body` has made its changes. Every service
    /// that changes what money or a person's status depends on writes through here.
    nonisolated func write<T: Sendable>(
        on db: any Database, _ body: @escaping @Sendable (_ tx: any Database, _ audit: AuditEntries) async throws -> T
    ) async throws -> T {
        try await run {
            try await db.transaction { tx in
                let audit = AuditEntries()
                let value = try await body(tx, audit)
                for record in audit.take() { try await AuditLog.append(record, on: tx) }
                return value
            }
        }
    }
}
