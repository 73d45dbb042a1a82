import Vapor

/// The routes of login, logout and user management.
enum UsersRoutes {
    static let loginForm = RoutePath.get("login")
    static let login = RoutePath.post("login")
    static let logout = RoutePath.post("logout")
    static let list = RoutePath.get("users")
    static let create = RoutePath.post("users")

    static let all = [loginForm, login, logout, list, create]
}
