import Fluent
import SQLKit
import Vapor

/// What an administrator does to accounts, shared by the users page and `resettle user`.
/// Every change is one audited write, so the signed-in user cache (keyed on the register
/// version) drops the account on the next request and a disabled user is out at once.
enum UserAdmin {
    static func create(
        username: String, displayName: String, role: Role, township: String?, password: String, actor: String,
        mustChangePassword: Bool = false, app: Application, db: any Database
    ) async throws -> User {
        let name = username.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) })
        else {
            throw ResettleError.invalidField("用户名只能包含字母、数字和 . _ -", field: "username")
        }
        try checkPassword(password)
        let displayName = try checkDisplayName(displayName)
        let userTownship = try await townshipCode(role: role, township: township, db: db)
        let hash = try await app.password.async.hash(password)
        return try await app.writeGate.write(on: db) { tx, audit in
            if try await User.query(on: tx).filter(\.$username == name).count() > 0 {
                throw ResettleError.invalidField("用户名\(name)已存在", field: "username")
            }
            let user = User(
                username: name, displayName: displayName, passwordHash: hash, role: role, townshipCode: userTownship)
            user.mustChangePassword = mustChangePassword
            try await user.create(on: tx)
            audit.record(
                actor: actor, action: "user.create", entity: "user", entityID: name, townshipCode: userTownship,
                before: nil, after: ["username": name, "role": role.rawValue, "township": userTownship ?? ""])
            return user
        }
    }

    /// Changes the name, role and township of an account. An administrator cannot take the
    /// administrator role from their own account, so the office is never left without one.
    static func update(
        _ username: String, displayName: String, role: Role, township: String?, actor: String, app: Application,
        db: any Database
    ) async throws {
        let displayName = try checkDisplayName(displayName)
        let code = try await townshipCode(role: role, township: township, db: db)
        try await app.writeGate.write(on: db) { tx, audit in
            let user = try await find(username, on: tx)
            if user.username == actor, user.roleValue == .admin, role != .admin {
                throw ResettleError.invalidField("不能取消自己的系统管理员角色，请由另一位管理员操作", field: "role")
            }
            let before = fields(user)
            user.displayName = displayName
            user.role = role.rawValue
            user.townshipCode = code
            guard fields(user) != before else { return }
            try await user.save(on: tx)
            audit.record(
                actor: actor, action: "user.update", entity: "user", entityID: user.username,
                townshipCode: code ?? before["township"].flatMap { $0.isEmpty ? nil : $0 }, before: before,
                after: fields(user))
        }
    }

    /// Disables or enables an account. A disabled account's sessions end and its API tokens
    /// stop working; nothing it did is removed.
    static func setActive(_ username: String, _ active: Bool, actor: String, app: Application, db: any Database)
        async throws
    {
        try await app.writeGate.write(on: db) { tx, audit in
            let user = try await find(username, on: tx)
            if !active, user.username == actor { throw ResettleError.invalidInput("不能停用自己的账号") }
            guard user.isActive != active else { return }
            user.isActive = active
            try await user.save(on: tx)
            if !active { try await endSessions(of: user, on: tx) }
            audit.record(
                actor: actor, action: active ? "user.enable" : "user.disable", entity: "user",
                entityID: user.username, townshipCode: user.townshipCode, before: ["state": active ? "停用" : "启用"],
                after: ["state": active ? "启用" : "停用"])
        }
    }

    /// Gives the account a new generated password, returned once to be handed over in person.
    /// The user must choose their own at the next login; their open sessions end and a lock
    /// from failed attempts is lifted.
    static func resetPassword(_ username: String, actor: String, app: Application, db: any Database) async throws
        -> String
    {
        let password = Secrets.readablePassword()
        let hash = try await app.password.async.hash(password)
        try await app.writeGate.write(on: db) { tx, audit in
            let user = try await find(username, on: tx)
            user.passwordHash = hash
            user.mustChangePassword = true
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.save(on: tx)
            try await endSessions(of: user, on: tx)
            audit.record(
                actor: actor, action: "user.password.reset", entity: "user", entityID: user.username,
                townshipCode: user.townshipCode, before: nil, after: nil)
        }
        return password
    }

    /// Lifts a lock from failed logins before it runs out.
    static func unlock(_ username: String, actor: String, app: Application, db: any Database) async throws {
        try await app.writeGate.write(on: db) { tx, audit in
            let user = try await find(username, on: tx)
            let before = lockState(user)
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.save(on: tx)
            audit.record(
                actor: actor, action: "user.unlock", entity: "user", entityID: user.username,
                townshipCode: user.townshipCode, before: before, after: lockState(user))
        }
    }

    /// The user's own new password, after the current one is confirmed.
    static func changeOwnPassword(
        _ user: User, current: String, new: String, confirmation: String, app: Application, db: any Database
    ) async throws {
        guard try await app.password.async.verify(current, created: user.passwordHash) else {
            throw ResettleError.invalidInput("当前密码不正确")
        }
        try checkPassword(new)
        guard new == confirmation else { throw ResettleError.invalidInput("两次输入的新密码不一致") }
        guard new != current else { throw ResettleError.invalidInput("新密码不能与当前密码相同") }
        let hash = try await app.password.async.hash(new)
        try await app.writeGate.write(on: db) { tx, audit in
            let row = try await find(user.username, on: tx)
            row.passwordHash = hash
            row.mustChangePassword = false
            try await row.save(on: tx)
            audit.record(
                actor: user.username, action: "user.password.change", entity: "user", entityID: user.username,
                townshipCode: user.townshipCode, before: nil, after: nil)
        }
    }

    /// Whether a lock from failed logins holds now.
    static func isLocked(_ user: User, now: Date = Date()) -> Bool { (user.lockedUntil ?? .distantPast) > now }

    static func checkPassword(_ password: String) throws {
        guard password.count >= 8 else { throw ResettleError.invalidInput("密码至少8位") }
    }

    private static func checkDisplayName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 64 else {
            throw ResettleError.invalidField("姓名不能为空，且不超过64个字", field: "display_name")
        }
        return name
    }

    /// Township staff need their township; every other role sees the whole county and has none.
    private static func townshipCode(role: Role, township: String?, db: any Database) async throws -> String? {
        guard role == .township else { return nil }
        let regions = try await RegionDirectory.load(on: db)
        guard let t = township, !t.isEmpty, let code = regions.township(t) else {
            throw ResettleError.invalidField("乡镇专干必须指定所属乡镇", field: "township")
        }
        return code
    }

    private static func find(_ username: String, on db: any Database) async throws -> User {
        guard let user = try await User.query(on: db).filter(\.$username == username).first() else {
            throw ResettleError.notFound
        }
        return user
    }

    private static func fields(_ user: User) -> [String: String] {
        ["display_name": user.displayName, "role": user.role, "township": user.townshipCode ?? ""]
    }

    private static func lockState(_ user: User) -> [String: String] {
        ["failed_logins": String(user.failedLogins), "locked_until": user.lockedUntil.map(AuditLog.timestamp) ?? ""]
    }

    /// Ends every session of the account. A session row holds the user's id in its data.
    private static func endSessions(of user: User, on db: any Database) async throws {
        let id = try user.requireID().uuidString
        try await (db as! any SQLDatabase).delete(from: "user_sessions")
            .where("data_json", .like, SQLBind("%\"\(id)\"%")).run()
    }
}
