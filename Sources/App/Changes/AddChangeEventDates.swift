import Fluent

/// The day the event behind a change happened (death, employment, conversion, sentence,
/// marriage), on the request and on the status event it leads to. Nullable: requests filed
/// before the column existed, additions and corrections have none. One statement per column,
/// as SQLite adds one column at a time.
struct AddChangeEventDates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("change_requests").field("event_date", .string).update()
        try await database.schema("person_status_events").field("event_date", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("person_status_events").deleteField("event_date").update()
        try await database.schema("change_requests").deleteField("event_date").update()
    }
}
