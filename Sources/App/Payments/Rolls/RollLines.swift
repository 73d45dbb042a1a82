import Fluent
import Foundation
import SQLKit
import SQLiteNIO

/// Reading a roll's lines and exclusions, always through the caller's access scope where a
/// township may look.
enum RollLines {
    /// Every line in the order of the printed roll and the bank file: township, village, then
    /// the order generated.
    static func all(rollID: UUID, townshipCode: String? = nil, villageCode: String? = nil, on db: any Database) async throws -> [PaymentRollLine] {
        let sql = db as! any SQLDatabase
        if let lite = sql as? any SQLiteDatabase {
            return try await all(rollID: rollID, townshipCode: townshipCode, villageCode: villageCode, on: lite)
        }
        var query = sql.select().columns(PaymentRollLine.columns.map { SQLIdentifier($0) }).from("payment_roll_lines")
            .where("roll_id", .equal, SQLBind(rollID))
        if let townshipCode { query = query.where("township_code", .equal, SQLBind(townshipCode)) }
        if let villageCode { query = query.where("village_code", .equal, SQLBind(villageCode)) }
        return try await query.orderBy("township_code").orderBy("village_code").orderBy("seq").all(decoding: PaymentRollLine.self)
    }

    /// SQLite: the values straight from the driver. A bank result for a million-line roll reads
    /// every line, and decoding them through `Decodable` takes seconds.
    private static func all(rollID: UUID, townshipCode: String?, villageCode: String?, on lite: any SQLiteDatabase) async throws -> [PaymentRollLine] {
        var text = "SELECT " + PaymentRollLine.columns.joined(separator: ", ") + " FROM payment_roll_lines WHERE roll_id = ?"
        var binds: [SQLiteData] = [.text(rollID.uuidString)]
        if let townshipCode {
            text += " AND township_code = ?"
            binds.append(.text(townshipCode))
        }
        if let villageCode {
            text += " AND village_code = ?"
            binds.append(.text(villageCode))
        }
        text += " ORDER BY township_code, village_code, seq"
        let rows = try await lite.query(text, binds)
        var lines: [PaymentRollLine] = []
        lines.reserveCapacity(rows.count)
        for row in rows {
            guard let person = row.column("person_id")?.string.flatMap(UUID.init(uuidString:)) else {
                throw ResettleError.conflict("花名册明细中有无效的人员编号")
            }
            lines.append(PaymentRollLine(
                seq: row.column("seq")?.integer ?? 0, person_id: person, township_code: row.column("township_code")?.string ?? "",
                village_code: row.column("village_code")?.string ?? "", id_number: row.column("id_number")?.string ?? "",
                name: row.column("name")?.string ?? "", bank_name: row.column("bank_name")?.string,
                card_number: row.column("card_number")?.string ?? "", amount_fen: Int64(row.column("amount_fen")?.integer ?? 0),
                kind: row.column("kind")?.string ?? "", for_period: row.column("for_period")?.string ?? "",
                reissue_case_id: row.column("reissue_case_id")?.string.flatMap(UUID.init(uuidString:))))
        }
        return lines
    }

    static func page(
        rollID: UUID, townshipCode: String?, paging: Paging, on db: any Database
    ) async throws -> (lines: [PaymentRollLine], total: Int) {
        let sql = db as! any SQLDatabase
        var count = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("payment_roll_lines")
            .where("roll_id", .equal, SQLBind(rollID))
        var query = sql.select().columns(PaymentRollLine.columns.map { SQLIdentifier($0) }).from("payment_roll_lines")
            .where("roll_id", .equal, SQLBind(rollID))
        if let townshipCode {
            count = count.where("township_code", .equal, SQLBind(townshipCode))
            query = query.where("township_code", .equal, SQLBind(townshipCode))
        }
        let total = try await count.first()?.decode(column: "n", as: Int.self) ?? 0
        let lines = try await query.orderBy("township_code").orderBy("village_code").orderBy("seq")
            .limit(paging.perPage).offset(paging.offset).all(decoding: PaymentRollLine.self)
        return (lines, total)
    }

    static func exclusions(
        rollID: UUID, townshipCode: String?, paging: Paging, on db: any Database
    ) async throws -> (rows: [PaymentExclusion], total: Int) {
        let sql = db as! any SQLDatabase
        var count = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("payment_exclusions")
            .where("roll_id", .equal, SQLBind(rollID))
        var query = sql.select().columns(PaymentExclusion.columns.map { SQLIdentifier($0) }).from("payment_exclusions")
            .where("roll_id", .equal, SQLBind(rollID))
        if let townshipCode {
            count = count.where("township_code", .equal, SQLBind(townshipCode))
            query = query.where("township_code", .equal, SQLBind(townshipCode))
        }
        let total = try await count.first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await query.orderBy("township_code").orderBy("village_code").orderBy("id_number")
            .limit(paging.perPage).offset(paging.offset).all(decoding: PaymentExclusion.self)
        return (rows, total)
    }

    struct Total: Decodable, Sendable {
        var township_code: String
        var village_code: String
        var people: Int
        var fen: Int64
    }

    /// Payees and money per village (and so per township), by SQL over the lines.
    static func totals(rollID: UUID, townshipCode: String?, on db: any Database) async throws -> [Total] {
        let sql = db as! any SQLDatabase
        var query = sql.select().column("township_code").column("village_code")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "people")
            // PostgreSQL sums BIGINT as NUMERIC; the cast keeps it an integer on both databases.
            .column(SQLRaw("CAST(SUM(amount_fen) AS BIGINT)"), as: "fen")
            .from("payment_roll_lines").where("roll_id", .equal, SQLBind(rollID))
        if let townshipCode { query = query.where("township_code", .equal, SQLBind(townshipCode)) }
        return try await query.groupBy("township_code").groupBy("village_code").orderBy("township_code").orderBy("village_code")
            .all(decoding: Total.self)
    }

    /// Exclusions per reason.
    static func exclusionCounts(rollID: UUID, townshipCode: String?, on db: any Database) async throws -> [(String, Int)] {
        let sql = db as! any SQLDatabase
        var query = sql.select().column("reason").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("payment_exclusions").where("roll_id", .equal, SQLBind(rollID))
        if let townshipCode { query = query.where("township_code", .equal, SQLBind(townshipCode)) }
        return try await query.groupBy("reason").orderBy("reason").all().map {
            (try $0.decode(column: "reason", as: String.self), try $0.decode(column: "n", as: Int.self))
        }
    }
}
