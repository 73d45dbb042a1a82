import Fluent
import Vapor

/// Users, login, sessions and API tokens.
struct UsersCapability: Capability {
    static let roles: Set<Role> = Set(Role.allCases.filter(\.canManageUsers))

    var migrations: [any Migration] {
        [CreateUsers(), CreateAPITokens(), CreateUserSessions(), AddUserPasswordChange()]
    }

    func routes(_ routes: CapabilityRoutes) throws {
        try routes.open.register(collection: AuthController())
        try routes.pages.register(collection: PasswordController())
        try routes.pages.grouped(RequireRoleMiddleware(allowed: Self.roles)).register(collection: UsersController())
    }

    var routePaths: [RoutePath] { UsersRoutes.all }

    var menu: [MenuEntry] { [MenuEntry("用户管理", path: UsersRoutes.list.path(), roles: Self.roles)] }

    var commands: [(name: String, command: any AsyncCommand)] { [("user", UserCommand())] }
}
