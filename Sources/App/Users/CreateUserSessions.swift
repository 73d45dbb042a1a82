import Fluent
import SQLKit

/// Server-side sessions with the times the idle and absolute timeouts are measured from. The
/// key is the SHA-256 of the cookie value, so a copy of the database holds no usable cookie.
struct CreateUserSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("user_sessions")
            .field("key_hash", .string, .identifier(auto: false))
            .field("data_json", .string, .required)
            .field("created_at", .double, .required)
            .field("last_seen_at", .double, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "user_sessions_last_seen").on("user_sessions").column("last_seen_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("user_sessions").delete()
    }
}
