import Fluent
import SQLKit

struct CreatePersonStatusEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("person_status_events")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("township_code", .string, .required)
            .field("status", .string, .required)
            .field("effective_from", .string, .required)
            .field("effective_period", .string, .required)
            .field("change_request_id", .uuid)
            .field("note", .string, .required)
            .field("recorded_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_status_events_person").on("person_status_events").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("person_status_events").delete()
    }
}
