import Vapor

/// The routes of login, logout, one's own password and user management.
enum UsersRoutes {
    static let loginForm = RoutePath.get("login")
    static let login = RoutePath.post("login")
    static let logout = RoutePath.post("logout")
    static let passwordForm = RoutePath.get("account", "password")
    static let changePassword = RoutePath.post("account", "password")
    static let list = RoutePath.get("users")
    static let create = RoutePath.post("users")
    static let show = RoutePath.get("users", .param("username"))
    static let update = RoutePath.post("users", .param("username"))
    static let disable = RoutePath.post("users", .param("username"), "disable")
    static let enable = RoutePath.post("users", .param("username"), "enable")
    static let resetPassword = RoutePath.post("users", .param("username"), "reset-password")
    static let unlock = RoutePath.post("users", .param("username"), "unlock")

    static let all = [
        loginForm, login, logout, passwordForm, changePassword, list, create, show, update, disable, enable,
        resetPassword, unlock,
    ]

    static func show(_ username: String) -> String { show.path(username) }
    static func update(_ username: String) -> String { update.path(username) }
    static func disable(_ username: String) -> String { disable.path(username) }
    static func enable(_ username: String) -> String { enable.path(username) }
    static func resetPassword(_ username: String) -> String { resetPassword.path(username) }
    static func unlock(_ username: String) -> String { unlock.path(username) }
}
