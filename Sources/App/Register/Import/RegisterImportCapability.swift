import Fluent
import Vapor

/// Loading the register (and regions) from the office's spreadsheets.
struct RegisterImportCapability: Capability {
    static let roles: Set<Role> = [.admin, .county]

    var migrations: [any Migration] { [CreateImportRefusals()] }

    func routes(_ routes: CapabilityRoutes) throws {
        try routes.pages.grouped(RequireRoleMiddleware(allowed: Self.roles)).register(collection: ImportController())
        // Checks scope, then role, itself (see the controller).
        try routes.pages.register(collection: ImportRefusalController())
    }

    var routePaths: [RoutePath] { RegisterImportRoutes.all }

    var menu: [MenuEntry] { [MenuEntry("名册导入", path: RegisterImportRoutes.form.path(), roles: Self.roles)] }

    var commands: [(name: String, command: any AsyncCommand)] { [("import", ImportCommand())] }
}
