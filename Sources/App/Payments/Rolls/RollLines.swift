import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import SQLiteNIO

/// Reading a roll's lines and exclusions, always through the caller's access scope where a
/// township may look.
enum RollLines {
    /// The order lines are read in: `place` is the printed roll's and the bank file's
    /// (township, village, then the order generated); `generated` is the order generated alone.
    enum Order: Sendable {
        case place, generated

        var sql: String { self == .place ? "township_code, village_code, seq" : "seq" }
    }

    /// Every line of the roll (of one township or village when given), decoded the one way a
    /// roll line is decoded: with each driver's own values, since a bank result for a
    /// million-line roll reads every line and `Decodable` takes seconds for that.
    static func all(
        rollID: UUID, townshipCode: String? = nil, villageCode: String? = nil, order: Order = .place,
        on db: any Database
    ) async throws -> [PaymentRollLine] {
        var text =
            "SELECT " + PaymentRollLine.columns.joined(separator: ", ") + " FROM payment_roll_lines WHERE roll_id = "
        if let lite = db as? any SQLiteDatabase {
            var binds: [SQLiteData] = [.text(rollID.uuidString)]
            text += "?"
            for (column, value) in [("township_code", townshipCode), ("village_code", villageCode)] {
                guard let value else { continue }
                text += " AND \(column) = ?"
                binds.append(.text(value))
            }
            return try await decode(try await lite.query(text + " ORDER BY " + order.sql, binds))
        }
        if let postgres = db as? any PostgresDatabase {
            var binds = [PostgresData(uuid: rollID)]
            text += "$1"
            for (column, value) in [("township_code", townshipCode), ("village_code", villageCode)] {
                guard let value else { continue }
                binds.append(PostgresData(string: value))
                text += " AND \(column) = $\(binds.count)"
            }
            return try await decode(try await postgres.query(text + " ORDER BY " + order.sql, binds).get().rows)
        }
        let sql = db as! any SQLDatabase
        var query = sql.select().columns(PaymentRollLine.columns.map { SQLIdentifier($0) }).from("payment_roll_lines")
            .where("roll_id", .equal, SQLBind(rollID))
        if let townshipCode { query = query.where("township_code", .equal, SQLBind(townshipCode)) }
        if let villageCode { query = query.where("village_code", .equal, SQLBind(villageCode)) }
        return try await query.orderBy(SQLRaw(order.sql)).all(decoding: PaymentRollLine.self)
    }

    private static func decode(_ rows: [PostgresRow]) throws -> [PaymentRollLine] {
        var lines: [PaymentRollLine] = []
        lines.reserveCapacity(rows.count)
        for row in rows {
            let (seq, person, township, village, idNumber, name, bank, card, fen, kind, period, reissue) =
                try row.decode(
                    (Int, UUID, String, String, String, String, String?, String, Int64, String, String, UUID?).self)
            lines.append(
                PaymentRollLine(
                    seq: seq, person_id: person, township_code: township, village_code: village, id_number: idNumber,
                    name: name,
                    bank_name: bank, card_number: card, amount_fen: fen, kind: kind, for_period: period,
                    reissue_case_id: reissue))
        }
        return lines
    }

    private static func decode(_ rows: [SQLiteRow]) throws -> [PaymentRollLine] {
        var lines: [PaymentRollLine] = []
        lines.reserveCapacity(rows.count)
        for row in rows {
            guard let person = row.column("person_id")?.string.flatMap(UUID.init(uuidString:)) else {
                throw ResettleError.conflict("花名册明细中有无效的人员编号")
            }
            lines.append(
                PaymentRollLine(
                    seq: row.column("seq")?.integer ?? 0, person_id: person,
                    township_code: row.column("township_code")?.string ?? "",
                    village_code: row.column("village_code")?.string ?? "",
                    id_number: row.column("id_number")?.string ?? "",
                    name: row.column("name")?.string ?? "", bank_name: row.column("bank_name")?.string,
                    card_number: row.column("card_number")?.string ?? "",
                    amount_fen: Int64(row.column("amount_fen")?.integer ?? 0),
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
        return try await query.groupBy("township_code").groupBy("village_code").orderBy("township_code").orderBy(
            "village_code"
        )
        .all(decoding: Total.self)
    }

    /// Exclusions per reason.
    static func exclusionCounts(rollID: UUID, townshipCode: String?, on db: any Database) async throws -> [(
        String, Int
    )] {
        let sql = db as! any SQLDatabase
        var query = sql.select().column("reason").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("payment_exclusions").where("roll_id", .equal, SQLBind(rollID))
        if let townshipCode { query = query.where("township_code", .equal, SQLBind(townshipCode)) }
        return try await query.groupBy("reason").orderBy("reason").all().map {
            (try $0.decode(column: "reason", as: String.self), try $0.decode(column: "n", as: Int.self))
        }
    }
}
