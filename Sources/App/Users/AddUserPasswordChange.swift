import Fluent
import SQLKit

/// Whether the user must choose a new password before anything else: set when an
/// administrator gives out a password (a new account from the users page, a reset), cleared
/// when the user sets their own.
struct AddUserPasswordChange: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .field("must_change_password", .bool, .required, .sql(.default(SQLLiteral.boolean(false))))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("must_change_password").update()
    }
}
