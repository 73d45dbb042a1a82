import Fluent
import Foundation
import SQLKit

/// `bank_results.content_sha256`: the digest of the rows a result file held
/// (`BankResultDigest`), unique per roll, so the same result saved again in another form is
/// refused by the database as well as by the importer.
struct BankResultContentDigest: AsyncMigration {
    static let index = "idx_bank_results_roll_content"

    func prepare(on database: any Database) async throws {
        try await database.schema("bank_results").field("content_sha256", .string).update()
        let sql = database as! any SQLDatabase
        // Results imported before: their digest from the lines they stored, in file order. Were
        // one content imported twice already, only the first keeps it, and both stay on record.
        struct Result: Decodable {
            var id: UUID
            var roll_id: UUID
        }
        struct Line: Decodable {
            var id_number: String
            var name: String
            var card_number: String
            var amount_fen: Int64
            var status: String
        }
        let results = try await sql.select().column("id").column("roll_id").from("bank_results").orderBy("imported_at")
            .all(decoding: Result.self)
        var seen: Set<String> = []
        for result in results {
            let lines = try await sql.select().columns("id_number", "name", "card_number", "amount_fen", "status")
                .from("bank_result_lines").where("result_id", .equal, SQLBind(result.id)).orderBy("row_number")
                .all(decoding: Line.self)
            var digest = BankResultDigest()
            for l in lines {
                digest.add(
                    idNumber: l.id_number, name: l.name, card: l.card_number, amountFen: l.amount_fen, status: l.status)
            }
            let content = digest.finish()
            guard seen.insert("\(result.roll_id)|\(content)").inserted else { continue }
            try await sql.update("bank_results").set("content_sha256", to: SQLBind(content))
                .where("id", .equal, SQLBind(result.id)).run()
        }
        try await sql.create(index: Self.index).unique().on("bank_results").column("roll_id").column("content_sha256")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: Self.index).run()
        try await database.schema("bank_results").deleteField("content_sha256").update()
    }
}
