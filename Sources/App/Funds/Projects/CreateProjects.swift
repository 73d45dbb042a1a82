import Fluent
import SQLKit

struct CreateProjects: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Project.schema)
            .id()
            .field("code", .string, .required)
            .field("year", .int, .required)
            .field("name", .string, .required)
            .field("township_code", .string, .required)
            .field("village_code", .string)
            .field("kind", .string, .required)
            .field("implementer", .string, .required)
            .field("beneficiaries", .int, .required)
            .field("planned_resettlement_fen", .int64, .required)
            .field("planned_self_raised_fen", .int64, .required)
            .field("planned_other_fen", .int64, .required)
            .field("schedule_start", .string, .required)
            .field("schedule_end", .string, .required)
            .field("performance_target", .string, .required)
            .field("stage", .string, .required)
            .field("approved_fen", .int64)
            .field("plan_document", .string)
            .field("progress_percent", .int, .required)
            .field("settled_fen", .int64)
            .field("retention_fen", .int64, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
        // The list, the overview and a township's page all select by year and township.
        try await (database as! any SQLDatabase).raw(
            "CREATE INDEX idx_projects_year_township ON projects (year, township_code)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Project.schema).delete()
    }
}
