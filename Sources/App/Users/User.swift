import Fluent
import Vapor

/// Someone who logs in. Township staff carry the code of the one township they may see.
final class User: Model, Authenticatable, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @OptionalField(key: "township_code") var townshipCode: String?
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Field(key: "is_active") var isActive: Bool
    /// A password given out by an administrator: the user must set their own first.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(username: String, displayName: String, passwordHash: String, role: Role, townshipCode: String?) {
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role.rawValue
        self.townshipCode = townshipCode
        self.failedLogins = 0
        self.isActive = true
        self.mustChangePassword = false
    }

    var roleValue: Role { Role(rawValue: role) ?? .discipline }
}

/// A token for scripts calling the JSON API; only its SHA-256 is stored.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}
}
