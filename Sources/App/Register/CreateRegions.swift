import Fluent
import SQLKit

struct CreateRegions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("regions")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("level", .string, .required)
            .field("parent_code", .string)
            .create()
        try await (database as! any SQLDatabase).create(index: "idx_regions_parent").on("regions").column("parent_code")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("regions").delete()
    }
}
