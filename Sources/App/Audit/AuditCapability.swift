import Fluent
import Vapor

/// The hash-chained, anchored audit log of every write.
struct AuditCapability: Capability {
    static let roles: Set<Role> = Set(Role.allCases.filter(\.canReadAudit))

    var migrations: [any Migration] { [CreateAuditEntries(), AddAuditEntryMAC()] }

    func routes(_ routes: CapabilityRoutes) throws {
        try routes.pages.grouped(RequireRoleMiddleware(allowed: Self.roles)).register(collection: AuditController())
    }

    var routePaths: [RoutePath] { AuditRoutes.all }

    var menu: [MenuEntry] { [MenuEntry("审计日志", path: AuditRoutes.list.path(), roles: Self.roles)] }

    var commands: [(name: String, command: any AsyncCommand)] { [("audit", AuditCommand())] }
}
