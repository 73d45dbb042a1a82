import Fluent
import Foundation
import ResettleCore
import SQLKit
import Vapor

/// The register search. A full ID is found by the unique index; digits are the last digits of
/// an ID (a prefix of the reversed ID), a bank card number or a phone number, each from its own
/// index; a name matches anywhere in the name (a scan of the names within the other filters:
/// 46,000 people take a few milliseconds).
struct PeopleQuery: Sendable {
    var text: String = ""
    var townshipCode: String = ""
    var villageCode: String = ""
    var status: String = ""
    var sort: PeopleSort = .place
    var descending = false
    var page: Int = 1
    var perPage: Int = 50

    var paging: Paging { Paging(page: page, perPage: perPage) }

    /// `sort` as the query string writes it (`-name`); empty for the register's own order.
    var sortParameter: String {
        sort == .place && !descending ? "" : (descending ? "-" : "") + sort.rawValue
    }

    enum Interpretation: Equatable {
        case none
        case fullID(String)
        /// The last digits of an ID, or a whole card or phone number.
        case digits(String)
        case name(String)
    }

    var interpretation: Interpretation {
        let t = text.trimmingIDWhitespace()
        if t.isEmpty { return .none }
        if let id = ResidentID.normalized(t) { return .fullID(id) }
        let upper = t.uppercased()
        if upper.count <= 19, upper.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) {
            return .digits(upper)
        }
        // `%` and `_` are LIKE's wildcards and in no name.
        return .name(t.filter { $0 != "%" && $0 != "_" })
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
        case .digits(let digits):
            let reversed = String(digits.reversed())
            q = q.where(group: { group in
                let g = group.orWhere("card_number", .equal, SQLBind(digits)).orWhere(
                    "phone", .equal, SQLBind(digits))
                guard digits.count <= 18 else { return g }
                return g.orWhere(group: { suffix in
                    suffix.where("id_reversed", .greaterThanOrEqual, SQLBind(reversed)).where(
                        "id_reversed", .lessThan, SQLBind(reversed + "~"))
                })
            })
        case .name(let name):
            q = q.where("name", .like, SQLBind("%\(name)%"))
        }
        return q
    }

    /// The order of the list: the chosen column, then the register's own order.
    private func ordered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        let direction: SQLDirection = descending ? .descending : .ascending
        var q = select
        for column in sort.columns { q = q.orderBy(column, direction) }
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
    /// register version given with it; without it every call counts. With `clampingPage` a
    /// page past the end gives the last page (the page shown is in `page`).
    func run(
        on db: any Database, scope: AccessScope, counts: (cache: RegisterVersionedCache<Int>, version: Int)? = nil,
        clampingPage: Bool = false
    ) async throws -> (rows: [PersonSummary], total: Int, page: Int) {
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
        var paging = self.paging
        if clampingPage { paging.page = min(paging.page, max(paging.pageCount(total: total), 1)) }
        let sql = db as! any SQLDatabase
        let rows = try await ordered(
            filtered(sql.select().columns(PersonSummary.columns.map { SQLIdentifier($0) }), scope: scope)
        )
        .offset(paging.offset).limit(paging.perPage)
        .all().map(PersonSummary.init(row:))
        return (rows, total, paging.page)
    }

    /// Every matching person, in the list's order, up to `limit`, with the columns an export
    /// needs.
    func exportRows(on db: any Database, scope: AccessScope, limit: Int) async throws -> [PersonExportRow] {
        let sql = db as! any SQLDatabase
        return try await ordered(
            filtered(sql.select().columns(PersonExportRow.columns.map { SQLIdentifier($0) }), scope: scope)
        )
        .limit(limit).all().map(PersonExportRow.init(row:))
    }

    /// Everything the total depends on: the scope and the filters, not the page.
    func countKey(scope: AccessScope) -> String {
        [scope.townshipCode ?? "*", townshipCode, villageCode, status, "\(interpretation)"].joined(separator: "\u{1F}")
    }
}

/// The columns the result list can be ordered by. Each ends in the register's own order
/// (township, village, group, household, ID), so a page is the same on every view.
enum PeopleSort: String, Sendable, CaseIterable {
    case place
    case name
    case idNumber = "id"
    case status

    var columns: [String] {
        let register = ["township_code", "village_code", "group_code", "household_id", "id_number"]
        switch self {
        case .place: return register
        case .name: return ["name"] + register
        case .idNumber: return ["id_number"]
        case .status: return ["status"] + register
        }
    }

    /// `-name` sorts by name descending; nil for a value that is not a column.
    static func parse(_ raw: String) -> (PeopleSort, descending: Bool)? {
        let descending = raw.hasPrefix("-")
        guard let sort = PeopleSort(rawValue: descending ? String(raw.dropFirst()) : raw) else { return nil }
        return (sort, descending)
    }
}

/// One row of a register export: the list's columns and the group, bank card and phone.
struct PersonExportRow: Sendable {
    static let columns = [
        "name", "id_number", "sex", "township_code", "village_code", "group_code", "relation", "status", "bank_name",
        "card_number", "phone",
    ]

    let name: String
    let idNumber: String
    let sex: String
    let townshipCode: String
    let villageCode: String
    let groupCode: String?
    let relation: String
    let status: String
    let bankName: String?
    let cardNumber: String?
    let phone: String?

    init(row: any SQLRow) throws {
        name = try row.decode(column: "name", as: String.self)
        idNumber = try row.decode(column: "id_number", as: String.self)
        sex = try row.decode(column: "sex", as: String.self)
        townshipCode = try row.decode(column: "township_code", as: String.self)
        villageCode = try row.decode(column: "village_code", as: String.self)
        groupCode = try row.decode(column: "group_code", as: String?.self)
        relation = try row.decode(column: "relation", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        bankName = try row.decode(column: "bank_name", as: String?.self)
        cardNumber = try row.decode(column: "card_number", as: String?.self)
        phone = try row.decode(column: "phone", as: String?.self)
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
