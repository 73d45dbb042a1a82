import Fluent
import Foundation
import ResettleCore
import SQLKit
import Vapor

/// The register search. Each form of query is answered from an index, so a page comes back in
/// milliseconds at 1,000,000 people: a full ID by the unique index, "last digits" as a prefix
/// of the reversed ID, a name as a prefix of the name index.
struct PeopleQuery: Sendable {
    var text: String = ""
    var townshipCode: String = ""
    var villageCode: String = ""
    var status: String = ""
    var page: Int = 1
    var perPage: Int = 50

    var paging: Paging { Paging(page: page, perPage: perPage) }

    enum Interpretation: Equatable {
        case none
        case fullID(String)
        case idSuffix(String)
        case name(String)
    }

    var interpretation: Interpretation {
        let t = text.trimmingIDWhitespace()
        if t.isEmpty { return .none }
        if let id = ResidentID.normalized(t) { return .fullID(id) }
        let upper = t.uppercased()
        if upper.count <= 18, upper.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) {
            return .idSuffix(upper)
        }
        return .name(t)
    }

    /// The filters as SQL conditions on `people`, for the count and the rows alike.
    private func filtered(_ select: SQLSelectBuilder, scope: AccessScope) -> SQLSelectBuilder {
        var q = select.from(Person.schema)
        if let own = scope.townshipCode { q = q.where("township_code", .equal, SQLBind(own)) }
        if !townshipCode.isEmpty { q = q.where("township_code", .equal, SQLBind(townshipCode)) }
        if !villageCode.isEmpty { q = q.where("village_code", .equal, SQLBind(villageCode)) }
        if !status.isEmpty { q = q.where("status", .equal, SQLBind(status)) }
        switch interpretation {
        case .none: break
        case .fullID(let id): q = q.where("id_number", .equal, SQLBind(id))
        case .idSuffix(let digits):
            let reversed = String(digits.reversed())
            q = q.where("id_reversed", .greaterThanOrEqual, SQLBind(reversed)).where(
                "id_reversed", .lessThan, SQLBind(reversed + "~"))
        case .name(let name):
            q = q.where("name", .greaterThanOrEqual, SQLBind(name)).where(
                "name", .lessThan, SQLBind(name + "\u{10FFFF}"))
        }
        return q
    }

    private struct CountRow: Decodable { let n: Int }

    /// The number of people matching, without the page.
    func count(on db: any Database, scope: AccessScope) async throws -> Int {
        let sql = db as! any SQLDatabase
        return try await filtered(
            sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"), scope: scope
        )
        .first(decoding: CountRow.self)?.n ?? 0
    }

    /// `counts` keeps totals between pages (see `Application.peopleCountCache`), valid at the
    /// register version given with it; without it every call counts.
    func run(on db: any Database, scope: AccessScope, counts: (cache: RegisterVersionedCache<Int>, version: Int)? = nil)
        async throws -> (rows: [PersonSummary], total: Int)
    {
        let total: Int
        if let counts {
            total = try await counts.cache.value(for: countKey(scope: scope), version: counts.version) {
                try await count(on: db, scope: scope)
            }
        } else {
            total = try await count(on: db, scope: scope)
        }
        // Plain rows of the columns a result row shows: decoding Fluent models (by reflection,
        // per field and row) cost more than the query itself.
        let sql = db as! any SQLDatabase
        let rows = try await filtered(
            sql.select().columns(PersonSummary.columns.map { SQLIdentifier($0) }), scope: scope
        )
        .orderBy("name").orderBy("id_number")
        .offset(paging.offset).limit(paging.perPage)
        .all().map(PersonSummary.init(row:))
        return (rows, total)
    }

    /// Everything the total depends on: the scope and the filters, not the page.
    func countKey(scope: AccessScope) -> String {
        [scope.townshipCode ?? "*", townshipCode, villageCode, status, "\(interpretation)"].joined(separator: "\u{1F}")
    }
}

/// One row of a register search: what the result list and the API summary show.
struct PersonSummary: Sendable {
    static let columns = ["id", "name", "id_number", "sex", "township_code", "village_code", "relation", "status"]

    let id: UUID
    let name: String
    let id_number: String
    let sex: String
    let township_code: String
    let village_code: String
    let relation: String
    let status: String

    /// Column by column: the keyed `Decodable` path costs more than the row's query.
    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        name = try row.decode(column: "name", as: String.self)
        id_number = try row.decode(column: "id_number", as: String.self)
        sex = try row.decode(column: "sex", as: String.self)
        township_code = try row.decode(column: "township_code", as: String.self)
        village_code = try row.decode(column: "village_code", as: String.self)
        relation = try row.decode(column: "relation", as: String.self)
        status = try row.decode(column: "status", as: String.self)
    }

    var personStatus: PersonStatus { PersonStatus(rawValue: status) ?? .pending }
    var sexValue: Sex { Sex(rawValue: sex) ?? .male }
    var relationValue: HouseholdRelation { HouseholdRelation(rawValue: relation) ?? .other }
}

extension Application {
    private struct PeopleCountCacheKey: StorageKey {
        typealias Value = RegisterVersionedCache<Int>
    }

    /// Totals of register searches. The total under the result list is a COUNT over every
    /// matching row — 46,000 for the unfiltered list — on every page view, while the rows of
    /// one page come from an index in a fraction of that.
    var peopleCountCache: RegisterVersionedCache<Int> {
        sharedInstance(PeopleCountCacheKey.self) { RegisterVersionedCache(maxEntries: 512, maxAgeSeconds: 30) }
    }
}
