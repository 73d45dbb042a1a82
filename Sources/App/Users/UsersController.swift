import Fluent
import Vapor

struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(UsersRoutes.list, use: list)
        routes.on(UsersRoutes.create, use: create)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await render(req, createdPassword: nil)
    }

    struct CreateForm: Content {
        var username: String
        var display_name: String
        var role: String
        var township: String?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let admin = try req.requireUser()
        let form = try req.content.decode(CreateForm.self)
        guard let role = Role(rawValue: form.role) else { throw ResettleError.invalidInput("角色无效") }
        let password = Secrets.readablePassword()
        _ = try await UserAdmin.create(
            username: form.username, displayName: form.display_name, role: role, township: form.township,
            password: password, actor: admin.username, app: req.application, db: req.db)
        return try await render(req, createdPassword: password)
    }

    private func render(_ req: Request, createdPassword: String?) async throws -> Response {
        let users = try await User.query(on: req.db).sort(\.$username).all()
        let regions = try await req.regionDirectory()
        let model = UsersModel(
            rows: users.map {
                .init(
                    username: $0.username, displayName: $0.displayName, role: $0.roleValue.chinese,
                    township: regions.name($0.townshipCode), state: $0.isActive ? "启用" : "停用")
            },
            roles: Role.allCases.map { ($0.rawValue, $0.chinese) },
            townships: regions.townships.map { ($0.code, $0.name) }, createdPassword: createdPassword)
        return htmlResponse(UsersView.render(try await req.pageContext(), model))
    }
}

/// Creating users, shared by the admin page and `resettle user add`.
enum UserAdmin {
    static func create(
        username: String, displayName: String, role: Role, township: String?, password: String, actor: String,
        app: Application, db: any Database
    ) async throws -> User {
        let name = username.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) })
        else {
            throw ResettleError.invalidInput("用户名只能包含字母、数字和 . _ -")
        }
        guard password.count >= 8 else { throw ResettleError.invalidInput("密码至少8位") }
        var townshipCode: String?
        if role == .township {
            let regions = try await RegionDirectory.load(on: db)
            guard let t = township, let code = regions.township(t) else {
                throw ResettleError.invalidInput("乡镇专干必须指定所属乡镇")
            }
            townshipCode = code
        }
        let hash = try await app.password.async.hash(password)
        let userTownship = townshipCode
        return try await app.writeGate.write(on: db) { tx, audit in
            if try await User.query(on: tx).filter(\.$username == name).count() > 0 {
                throw ResettleError.conflict("用户名\(name)已存在")
            }
            let user = User(
                username: name, displayName: displayName, passwordHash: hash, role: role, townshipCode: userTownship)
            try await user.create(on: tx)
            audit.record(
                actor: actor, action: "user.create", entity: "user", entityID: name, townshipCode: userTownship,
                before: nil, after: ["username": name, "role": role.rawValue, "township": userTownship ?? ""])
            return user
        }
    }
}
