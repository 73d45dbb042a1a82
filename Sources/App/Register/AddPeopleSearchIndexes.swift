import Fluent
import SQLKit

/// The indexes of the register search added after the first release: the list's order
/// (township, village, group, household) and the searches by bank card and phone.
struct AddPeopleSearchIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await PeopleIndexes.create(on: database as! any SQLDatabase)
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for name in ["idx_people_place", "idx_people_card", "idx_people_phone"] {
            try await sql.drop(index: name).run()
        }
    }
}
