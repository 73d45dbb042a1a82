import Vapor

@testable import App

extension Fixtures {
    /// An audit entry with nothing else written: moves the register version, as every
    /// audited write does, so kept figures and copies are read again on the next page.
    static func appendAudit(on app: Application) async throws {
        try await AuditLog.append(
            actor: "test", action: "person.status", entity: "person", entityID: id(1985, 31), townshipCode: jieling,
            before: nil, after: ["status": "reduced"], on: app.db)
    }
}
