import Fluent

/// The training tables, with the types and costs of the 2022 report.
struct CreateTraining: AsyncMigration {
    /// (name, cost per person in fen, long-term, short course)
    static let types: [(String, Int64, Bool, Bool)] = [
        ("农业实用技术培训", 8_080, false, true),
        ("短期就业技能培训（家政服务）", 300_000, false, true),
        ("市统筹短期就业技能培训", 220_000, false, true),
        ("中长期职业教育", 400_000, true, false),
        ("移民干部培训", 0, false, false),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(TrainingType.schema)
            .id()
            .field("name", .string, .required)
            .field("cost_per_person_fen", .int64, .required)
            .field("long_term", .bool, .required)
            .field("short_course", .bool, .required)
            .field("sort_order", .int, .required)
            .unique(on: "name")
            .create()
        for (i, t) in Self.types.enumerated() {
            try await TrainingType(name: t.0, costPerPersonFen: t.1, longTerm: t.2, shortCourse: t.3, sortOrder: i)
                .create(on: database)
        }
        try await database.schema(TrainingPlan.schema)
            .id()
            .field("year", .int, .required)
            .field("type_id", .uuid, .required, .references(TrainingType.schema, "id"))
            .field("document", .string, .required)
            .field("quota_people", .int, .required)
            .field("quota_fen", .int64, .required)
            .field("created_by", .string, .required)
            .unique(on: "year", "type_id")
            .create()
        try await database.schema(TrainingClass.schema)
            .id()
            .field("year", .int, .required)
            .field("type_id", .uuid, .required, .references(TrainingType.schema, "id"))
            .field("name", .string, .required)
            .field("provider", .string, .required)
            .field("venue", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("quota", .int, .required)
            .field("sessions", .int, .required)
            .field("cost_per_person_fen", .int64, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "year", "name")
            .create()
        try await database.schema(TrainingEnrolment.schema)
            .id()
            .field("class_id", .uuid, .required, .references(TrainingClass.schema, "id"))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("id_number", .string, .required)
            .field("name", .string, .required)
            .field("township_code", .string, .required)
            .field("enrolled_on", .string, .required)
            .field("attended", .int, .required)
            .field("completed_on", .string)
            .field("certificate", .string)
            .field("employer", .string)
            .field("income_band", .string)
            .field("enrolled_by", .string, .required)
            // A person is in a class once.
            .unique(on: "class_id", "person_id")
            .create()
        try await database.schema(TrainingAttendance.schema)
            .id()
            .field("enrolment_id", .uuid, .required, .references(TrainingEnrolment.schema, "id"))
            .field("session", .int, .required)
            .field("recorded_by", .string, .required)
            .unique(on: "enrolment_id", "session")
            .create()
        try await database.schema(EducationSubsidy.schema)
            .id()
            .field("year", .int, .required)
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("id_number", .string, .required)
            .field("name", .string, .required)
            .field("township_code", .string, .required)
            .field("school", .string, .required)
            .field("study_year", .int, .required)
            .field("amount_fen", .int64, .required)
            .field("notice_start", .string, .required)
            .field("notice_end", .string, .required)
            .field("status", .string, .required)
            .field("submitted_by", .string, .required)
            .field("reviewed_by", .string)
            .field("decided_by", .string)
            .field("decided_on", .string)
            .field("opinion", .string)
            // One subsidy a student a year.
            .unique(on: "year", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [
            EducationSubsidy.schema, TrainingAttendance.schema, TrainingEnrolment.schema, TrainingClass.schema,
            TrainingPlan.schema,
            TrainingType.schema,
        ] {
            try await database.schema(schema).delete()
        }
    }
}
