import Fluent
import SQLKit

struct CreateChangeSteps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("change_steps")
            .id()
            .field("change_request_id", .uuid, .required, .references("change_requests", "id"))
            .field("action", .string, .required)
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("actor_id", .uuid, .required)
            .field("actor_name", .string, .required)
            .field("opinion", .string, .required)
            .field("acted_on", .string, .required)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_change_steps_request").on("change_steps").column("change_request_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("change_steps").delete()
    }
}
