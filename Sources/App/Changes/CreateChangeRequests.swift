import Fluent
import SQLKit

struct CreateChangeRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("change_requests")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("township_code", .string, .required)
            .field("kind", .string, .required)
            .field("reason", .string)
            .field("reason_text", .string, .required)
            .field("evidence", .string, .required)
            .field("changes_json", .string, .required)
            .field("notice_start", .string, .required)
            .field("notice_end", .string, .required)
            .field("status", .string, .required)
            .field("submitted_by", .uuid, .required)
            .field("submitted_by_name", .string, .required)
            .field("submitted_on", .string, .required)
            .field("decided_on", .string)
            .field("effective_period", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_changes_person").on("change_requests").column("person_id").run()
        try await sql.create(index: "idx_changes_status").on("change_requests").column("status").column("township_code")
            .run()
        try await sql.create(index: "idx_changes_decided").on("change_requests").column("decided_on").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("change_requests").delete()
    }
}
