import Fluent

struct CreateHouseholdRelocations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HouseholdRelocation.schema)
            .id()
            .field("task_id", .uuid, .required, .references(RelocationTask.schema, "id"))
            .field("household_id", .uuid, .required, .references(Household.schema, "id"))
            .field("head_id_number", .string, .required)
            .field("people", .int, .required)
            .field("new_site", .string, .required)
            .field("project_id", .uuid, .references(Project.schema, "id"))
            .field("subsidy_paid_fen", .int64)
            .field("subsidy_paid_on", .string)
            .field("moved_on", .string)
            .field("old_house", .string)
            .field("accepted_on", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            // A household relocates once.
            .unique(on: "household_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HouseholdRelocation.schema).delete()
    }
}
