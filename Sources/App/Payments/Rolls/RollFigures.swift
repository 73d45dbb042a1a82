import Fluent
import Foundation
import SQLKit

/// A roll's headline figures — payees, money, people excluded — as the reader may see them:
/// the county's, stored on the roll, for county-wide roles; for a township clerk the same
/// figures counted from that township's own lines and exclusions, never the county's.
struct RollFigures: Sendable, Equatable {
    var lines: Int
    var fen: Int64
    var excluded: Int
    /// The township the figures are for; nil when they are the whole county's.
    var townshipCode: String?

    init(lines: Int, fen: Int64, excluded: Int, townshipCode: String?) {
        self.lines = lines
        self.fen = fen
        self.excluded = excluded
        self.townshipCode = townshipCode
    }

    init(county roll: PaymentRoll) {
        self.init(lines: roll.lineCount, fen: roll.totalFen, excluded: roll.excludedCount, townshipCode: nil)
    }

    /// The figures of each roll in `rolls` for a reader scoped to `townshipCode` (nil: the county).
    /// Two grouped queries however many rolls, each served by the `(roll_id, township_code, …)` indexes.
    static func of(_ rolls: [PaymentRoll], townshipCode: String?, on db: any Database) async throws -> [UUID:
        RollFigures]
    {
        let ids = rolls.compactMap(\.id)
        guard let townshipCode else {
            return Dictionary(
                rolls.compactMap { r in r.id.map { ($0, RollFigures(county: r)) } }, uniquingKeysWith: { a, _ in a })
        }
        var figures = Dictionary(
            ids.map { ($0, RollFigures(lines: 0, fen: 0, excluded: 0, townshipCode: townshipCode)) },
            uniquingKeysWith: { a, _ in a })
        guard !ids.isEmpty else { return figures }
        struct Count: Decodable {
            var roll_id: UUID
            var n: Int
            var fen: Int64?
        }
        let sql = db as! any SQLDatabase
        let lines = try await sql.select().column("roll_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            // PostgreSQL sums BIGINT as NUMERIC; the cast keeps it an integer on both databases.
            .column(SQLRaw("CAST(SUM(amount_fen) AS BIGINT)"), as: "fen")
            .from("payment_roll_lines")
            .where("roll_id", .in, SQLBind.group(ids)).where("township_code", .equal, SQLBind(townshipCode))
            .groupBy("roll_id").all(decoding: Count.self)
        for c in lines {
            figures[c.roll_id]?.lines = c.n
            figures[c.roll_id]?.fen = c.fen ?? 0
        }
        let excluded = try await sql.select().column("roll_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("payment_exclusions")
            .where("roll_id", .in, SQLBind.group(ids)).where("township_code", .equal, SQLBind(townshipCode))
            .groupBy("roll_id").all(decoding: Count.self)
        for c in excluded { figures[c.roll_id]?.excluded = c.n }
        return figures
    }

    static func of(_ roll: PaymentRoll, townshipCode: String?, on db: any Database) async throws -> RollFigures {
        try await of([roll], townshipCode: townshipCode, on: db)[try roll.requireID()]
            ?? RollFigures(lines: 0, fen: 0, excluded: 0, townshipCode: townshipCode)
    }
}
