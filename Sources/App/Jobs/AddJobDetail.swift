import Fluent

/// The job's detail (`JobDetail` as JSON): the problems and downloads its page shows.
struct AddJobDetail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Job.schema).field("detail", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Job.schema).deleteField("detail").update()
    }
}
