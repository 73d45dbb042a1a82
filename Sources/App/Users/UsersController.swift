import Fluent
import Vapor

/// The users page of the administrator: the list, a new account, and one account's page with
/// its edit form, disabling, password reset and unlocking.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(UsersRoutes.list, use: list)
        routes.on(UsersRoutes.create, use: create)
        routes.on(UsersRoutes.show, use: show)
        routes.on(UsersRoutes.update, use: update)
        routes.on(UsersRoutes.disable, use: disable)
        routes.on(UsersRoutes.enable, use: enable)
        routes.on(UsersRoutes.resetPassword, use: resetPassword)
        routes.on(UsersRoutes.unlock, use: unlock)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await renderList(req, created: nil)
    }

    struct AccountForm: Content {
        var username: String?
        var display_name: String
        var role: String
        var township: String?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let admin = try req.requireUser()
        let form = try req.content.decode(AccountForm.self)
        let password = Secrets.readablePassword()
        let user = try await UserAdmin.create(
            username: form.username ?? "", displayName: form.display_name, role: try Self.role(form.role),
            township: form.township, password: password, actor: admin.username, mustChangePassword: true,
            app: req.application, db: req.db)
        return try await renderList(req, created: (user.username, password))
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await renderAccount(req, try Self.username(req), newPassword: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let admin = try req.requireUser()
        let username = try Self.username(req)
        let form = try req.content.decode(AccountForm.self)
        try await UserAdmin.update(
            username, displayName: form.display_name, role: try Self.role(form.role), township: form.township,
            actor: admin.username, app: req.application, db: req.db)
        return req.redirect(to: UsersRoutes.show(username))
    }

    @Sendable func disable(req: Request) async throws -> Response {
        try await setActive(req, false)
    }

    @Sendable func enable(req: Request) async throws -> Response {
        try await setActive(req, true)
    }

    private func setActive(_ req: Request, _ active: Bool) async throws -> Response {
        let admin = try req.requireUser()
        let username = try Self.username(req)
        try await UserAdmin.setActive(username, active, actor: admin.username, app: req.application, db: req.db)
        return req.redirect(to: UsersRoutes.show(username))
    }

    /// The new password is on this answer only: it is never stored in plain text or shown again.
    @Sendable func resetPassword(req: Request) async throws -> Response {
        let admin = try req.requireUser()
        let username = try Self.username(req)
        let password = try await UserAdmin.resetPassword(
            username, actor: admin.username, app: req.application, db: req.db)
        return try await renderAccount(req, username, newPassword: password)
    }

    @Sendable func unlock(req: Request) async throws -> Response {
        let admin = try req.requireUser()
        let username = try Self.username(req)
        try await UserAdmin.unlock(username, actor: admin.username, app: req.application, db: req.db)
        return req.redirect(to: UsersRoutes.show(username))
    }

    private static func username(_ req: Request) throws -> String {
        guard let name = req.parameters.get("username"), !name.isEmpty, name.count <= 64 else {
            throw ResettleError.notFound
        }
        return name
    }

    private static func role(_ raw: String) throws -> Role {
        guard let role = Role(rawValue: raw) else { throw ResettleError.invalidField("角色无效", field: "role") }
        return role
    }

    private func renderList(_ req: Request, created: (username: String, password: String)?) async throws -> Response {
        let users = try await User.query(on: req.db).sort(\.$username).all()
        let regions = try await req.regionDirectory()
        let model = UsersModel(
            rows: users.map {
                .init(
                    username: $0.username, displayName: $0.displayName, role: $0.roleValue.chinese,
                    township: regions.name($0.townshipCode), state: AccountState(user: $0).label)
            },
            roles: Role.allCases.map { ($0.rawValue, $0.chinese) },
            townships: regions.townships.map { ($0.code, $0.name) }, created: created)
        return htmlResponse(UsersView.render(try await req.pageContext(), model))
    }

    private func renderAccount(_ req: Request, _ username: String, newPassword: String?) async throws -> Response {
        guard let user = try await User.query(on: req.db).filter(\.$username == username).first() else {
            throw ResettleError.notFound
        }
        let regions = try await req.regionDirectory()
        let model = AccountModel(
            username: user.username, displayName: user.displayName, role: user.role,
            roleName: user.roleValue.chinese, townshipCode: user.townshipCode ?? "",
            townshipName: regions.name(user.townshipCode), state: AccountState(user: user),
            createdAt: user.createdAt.map(Figures.minute) ?? "", isSelf: user.username == req.currentUser?.username,
            roles: Role.allCases.map { ($0.rawValue, $0.chinese) },
            townships: regions.townships.map { ($0.code, $0.name) }, newPassword: newPassword)
        return htmlResponse(AccountView.render(try await req.pageContext(), model))
    }
}

/// How an account stands, as the users pages show it.
struct AccountState: Sendable {
    var isActive: Bool
    var lockedUntil: Date?
    var mustChangePassword: Bool

    init(isActive: Bool, lockedUntil: Date?, mustChangePassword: Bool) {
        self.isActive = isActive
        self.lockedUntil = lockedUntil
        self.mustChangePassword = mustChangePassword
    }

    init(user: User, now: Date = Date()) {
        self.init(
            isActive: user.isActive, lockedUntil: UserAdmin.isLocked(user, now: now) ? user.lockedUntil : nil,
            mustChangePassword: user.mustChangePassword)
    }

    /// `启用`, `停用`, `已锁定（至 2022-10-08 09:30）`, with `待本人修改密码` when it applies.
    var label: String {
        var parts = [isActive ? "启用" : "停用"]
        if let until = lockedUntil { parts.append("已锁定（至 \(Figures.minute(until))）") }
        if mustChangePassword { parts.append("待本人修改密码") }
        return parts.joined(separator: "，")
    }
}
