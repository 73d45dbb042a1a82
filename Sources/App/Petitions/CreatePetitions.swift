import Fluent
import SQLKit

/// Petitions, the people on them and their timelines, and the petition categories of the
/// office's vocabulary (the topics of the 2022 report).
struct CreatePetitions: AsyncMigration {
    static let categories = ["宅基地", "生产生活困难", "道路建设", "落户难", "后扶直补", "项目", "其他"]

    func prepare(on database: any Database) async throws {
        try await database.schema(Petition.schema)
            .id()
            .field("number", .string, .required)
            .field("received_on", .string, .required)
            .field("channel", .string, .required)
            .field("referral_reference", .string)
            .field("headcount", .int, .required)
            .field("township_code", .string, .required)
            .field("village_code", .string)
            .field("category", .string, .required)
            .field("request", .string, .required)
            .field("facts", .string, .required)
            .field("restricted", .bool, .required)
            .field("person_id", .uuid, .references(Person.schema, "id"))
            .field("repeat_of_id", .uuid, .references(Petition.schema, "id"))
            .field("decision", .string)
            .field("decided_on", .string)
            .field("decision_note", .string)
            .field("objected_on", .string)
            .field("assigned_to", .string)
            .field("assignee", .string)
            .field("assigned_due", .string)
            .field("extension_days", .int)
            .field("extension_reason", .string)
            .field("extension_approved_by", .string)
            .field("extension_approved_on", .string)
            .field("extension_told_on", .string)
            .field("outcome", .string)
            .field("reply_opinion", .string)
            .field("replied_on", .string)
            .field("reply_delivered_on", .string)
            .field("satisfaction", .string)
            .field("review_requested_on", .string)
            .field("review_hearing_days", .int, .required)
            .field("review_answered_on", .string)
            .field("review_opinion", .string)
            .field("rereview_requested_on", .string)
            .field("rereview_hearing_days", .int, .required)
            .field("rereview_answered_on", .string)
            .field("rereview_opinion", .string)
            .field("stage", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "number")
            .create()
        try await database.schema(Petitioner.schema)
            .id()
            .field("petition_id", .uuid, .required, .references(Petition.schema, "id"))
            .field("role", .string, .required)
            .field("name", .string, .required)
            .field("id_number", .string)
            .field("address", .string, .required)
            .field("phone", .string, .required)
            .field("authorisation", .string)
            .field("person_id", .uuid, .references(Person.schema, "id"))
            .create()
        try await database.schema(PetitionEvent.schema)
            .id()
            .field("petition_id", .uuid, .required, .references(Petition.schema, "id"))
            .field("day", .string, .required)
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("actor", .string, .required)
            .field("file_id", .uuid, .references(ArchivedFile.schema, "id"))
            .field("file_name", .string)
            .field("created_at", .datetime)
            .create()
        for (i, name) in Self.categories.enumerated() {
            try await FundsTerm(list: .petitionCategory, name: name, sortOrder: i).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await FundsTerm.query(on: database).filter(\.$list == FundsTerm.List.petitionCategory.rawValue).delete()
        try await database.schema(PetitionEvent.schema).delete()
        try await database.schema(Petitioner.schema).delete()
        try await database.schema(Petition.schema).delete()
    }
}

/// Lookups the board, the repeat check and the person page make.
struct IndexPetitions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "petitioners_id_number").on(Petitioner.schema).column("id_number").run()
        try await sql.create(index: "petitioners_petition").on(Petitioner.schema).column("petition_id").run()
        try await sql.create(index: "petition_events_petition").on(PetitionEvent.schema).column("petition_id").run()
        try await sql.create(index: "petitions_received").on(Petition.schema).column("received_on").run()
        try await sql.create(index: "petitions_person").on(Petition.schema).column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for name in [
            "petitioners_id_number", "petitioners_petition", "petition_events_petition", "petitions_received",
            "petitions_person",
        ] {
            try await sql.drop(index: name).run()
        }
    }
}
