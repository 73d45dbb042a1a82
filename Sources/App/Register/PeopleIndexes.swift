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
        // The result list's order: township, village, group, household.
        ("idx_people_place", ["township_code", "village_code", "group_code", "household_id", "id_number"]),
        ("idx_people_card", ["card_number"]),
        ("idx_people_phone", ["phone"]),
    ]

    /// Creates those that do not exist yet: a new database gets all, an older one the new ones.
    static func create(on sql: any SQLDatabase) async throws {
        for index in all {
            let columns = index.columns.map { SQLIdentifier($0) }
            try await sql.raw(
                "CREATE INDEX IF NOT EXISTS \(ident: index.name) ON people (\(SQLList(columns)))"
            ).run()
        }
    }

    static func drop(on sql: any SQLDatabase) async throws {
        for index in all {
            try await sql.drop(index: index.name).run()
        }
    }
}

/// PostgreSQL checks a foreign key with a trigger per inserted row: for a million people that
/// is most of the load time (24 s of 30 here). A bulk load drops the table's foreign keys and
/// adds them back afterwards, which checks every row at once with a join — inside the same
/// transaction, so a bad reference still fails the whole import. SQLite's checks are cheap
/// lookups and stay on.
enum PostgresForeignKeys {
    struct Constraint: Decodable {
        let conname: String
        let definition: String
    }

    static func suspend(on sql: any SQLDatabase, table: String) async throws -> [Constraint] {
        guard sql.dialect.name == "postgresql" else { return [] }
        let constraints = try await sql.raw(
            """
            SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
            WHERE conrelid = \(bind: table)::regclass AND contype = 'f'
            """
        ).all(decoding: Constraint.self)
        for c in constraints {
            try await sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: c.conname)").run()
        }
        return constraints
    }

    static func restore(_ constraints: [Constraint], on sql: any SQLDatabase, table: String) async throws {
        for c in constraints {
            try await sql.raw(
                "ALTER TABLE \(ident: table) ADD CONSTRAINT \(ident: c.conname) \(unsafeRaw: c.definition)"
            ).run()
        }
    }
}
