import Fluent

/// An attachment may belong to one recorded step (the meeting's attendance sheet, the
/// pre-review team's site photos, the acceptance report): the history shows it on that step's row.
struct AddProjectAttachmentStep: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectAttachment.schema)
            .field("step_id", .uuid, .references(ProjectStep.schema, "id"))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectAttachment.schema).deleteField("step_id").update()
    }
}
