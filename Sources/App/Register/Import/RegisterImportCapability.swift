import Vapor

/// Loading the register (and regions) from the office's spreadsheets.
struct RegisterImportCapability: Capability {
    static let roles: Set<Role> = [.admin, .county]

    func routes(_ routes: CapabilityRoutes) throws {
        try routes.pages.grouped(RequireRoleMiddleware(allowed: Self.roles)).register(collection: ImportController())
    }

    var menu: [MenuEntry] { [MenuEntry("名册导入", path: "/import/people", roles: Self.roles)] }

    var commands: [(name: String, command: any AsyncCommand)] { [("import", ImportCommand())] }
}
