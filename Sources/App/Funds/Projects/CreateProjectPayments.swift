import Fluent

struct CreateProjectPayments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectPayment.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("kind", .string, .required)
            .field("voucher", .string, .required)
            .field("payee", .string, .required)
            .field("paid_on", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "project_id", "voucher")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectPayment.schema).delete()
    }
}
