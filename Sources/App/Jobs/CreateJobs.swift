import Fluent
import SQLKit

struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Job.schema)
            .id()
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("actor", .string, .required)
            .field("township_code", .string)
            .field("state", .string, .required)
            .field("done", .int, .required)
            .field("total", .int, .required)
            .field("runner", .string, .required)
            .field("created_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("result_path", .string)
            .field("result_summary", .string)
            .field("error", .string)
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX idx_jobs_created ON jobs (created_at)").run()
        try await (database as! any SQLDatabase).raw("CREATE INDEX idx_jobs_state ON jobs (state)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Job.schema).delete()
    }
}
