import Fluent
import SQLKit

struct CreatePeople: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // Prefix searches compare bytes; PostgreSQL must not apply a language collation to them.
        let searchText: DatabaseSchema.DataType =
            (database as? any SQLDatabase)?.dialect.name == "postgresql"
            ? .sql(unsafeRaw: "TEXT COLLATE \"C\"") : .string
        try await database.schema("people")
            .id()
            .field("id_number", .string, .required)
            .field("id_reversed", searchText, .required)
            .field("name", searchText, .required)
            .field("sex", .string, .required)
            .field("birth_date", .string, .required)
            .field("relation", .string, .required)
            .field("household_id", .uuid, .required, .references("households", "id"))
            .field("township_code", .string, .required, .references("regions", "code"))
            .field("village_code", .string, .required, .references("regions", "code"))
            .field("group_code", .string)
            .field("reservoir_id", .uuid, .required, .references("reservoirs", "id"))
            .field("resettlement_type", .string, .required)
            .field("move_completed_on", .string)
            .field("support_start", .string, .required)
            .field("support_end", .string, .required)
            .field("status", .string, .required)
            .field("status_effective", .string)
            .field("bank_name", .string)
            .field("card_number", .string)
            .field("phone", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "id_number")
            .create()
        try await PeopleIndexes.create(on: database as! any SQLDatabase)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").delete()
    }
}
