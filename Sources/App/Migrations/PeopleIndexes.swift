import SQLKit

/// The secondary indexes of `people`: the searches the register page offers, each answered from
/// an index at 1,000,000 rows. Kept in one list because the migration creates them and a bulk
/// register import drops and rebuilds them (building an index once from sorted data is many
/// times faster than a million random inserts into it).
enum PeopleIndexes {
    static let all: [(name: String, columns: [String])] = [
        ("idx_people_reversed", ["id_reversed"]),
        ("idx_people_name", ["name"]),
        ("idx_people_township_village", ["township_code", "village_code", "name"]),
        ("idx_people_household", ["household_id"]),
        ("idx_people_status", ["status", "township_code"]),
    ]

    static func create(on sql: any SQLDatabase) async throws {
        for index in all {
            var builder = sql.create(index: index.name).on("people")
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    static func drop(on sql: any SQLDatabase) async throws {
        for index in all {
            try await sql.drop(index: index.name).run()
        }
    }
}
