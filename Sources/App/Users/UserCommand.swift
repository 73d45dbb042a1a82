import Fluent
import Vapor

/// `resettle user add NAME --role R [--township T] [--display-name N]` prints a generated password;
/// `resettle user token NAME` prints a new API token; `reset`, `unlock`, `disable` and `enable`
/// do what the users page does, for the day the only administrator is locked out.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "add | token | reset | unlock | disable | enable")
        var action: String
        @Argument(name: "username")
        var username: String
        @Option(name: "role", help: "admin | county | leader | township | finance | discipline")
        var role: String?
        @Option(name: "township", help: "township name or code (township staff)")
        var township: String?
        @Option(name: "display-name", help: "the person's name")
        var displayName: String?
        @Option(name: "password", help: "set this password instead of generating one")
        var password: String?
    }

    var help: String { "Creates users and API tokens" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        switch signature.action {
        case "add":
            guard let raw = signature.role, let role = Role(rawValue: raw) else {
                throw ResettleCommandError("请用 --role 指定角色：\(Role.allCases.map(\.rawValue).joined(separator: " | "))")
            }
            let password = signature.password ?? Secrets.readablePassword()
            _ = try await UserAdmin.create(
                username: signature.username, displayName: signature.displayName ?? signature.username, role: role,
                township: signature.township, password: password, actor: "cli", app: app, db: app.db)
            context.console.print("已创建用户 \(signature.username)（\(role.chinese)）")
            if signature.password == nil { context.console.print("初始密码：\(password)") }
        case "token":
            guard let user = try await User.query(on: app.db).filter(\.$username == signature.username).first() else {
                throw ResettleCommandError("用户 \(signature.username) 不存在")
            }
            let token = Secrets.randomToken()
            try await app.writeGate.write(on: app.db) { tx, audit in
                let t = APIToken()
                t.userID = try user.requireID()
                t.name = "cli"
                t.tokenHash = Secrets.sha256Hex(token)
                try await t.create(on: tx)
                audit.record(
                    actor: "cli", action: "token.create", entity: "user", entityID: user.username,
                    townshipCode: user.townshipCode, before: nil, after: nil)
            }
            context.console.print(token)
        case "reset":
            let password = try await UserAdmin.resetPassword(signature.username, actor: "cli", app: app, db: app.db)
            context.console.print("用户 \(signature.username) 的密码已重置并解除锁定，新密码：\(password)（登录后须修改）")
        case "unlock":
            try await UserAdmin.unlock(signature.username, actor: "cli", app: app, db: app.db)
            context.console.print("用户 \(signature.username) 已解除锁定")
        case "disable", "enable":
            let active = signature.action == "enable"
            try await UserAdmin.setActive(signature.username, active, actor: "cli", app: app, db: app.db)
            context.console.print("用户 \(signature.username) 已\(active ? "启用" : "停用")")
        default:
            throw ResettleCommandError("未知操作 \(signature.action)（可用：add、token、reset、unlock、disable、enable）")
        }
    }
}
