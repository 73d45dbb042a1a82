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

    func build(_ db: any Database, scope: AccessScope) -> QueryBuilder<Person> {
        var q = Person.query(on: db)
        q = scope.restrict(q, field: \.$townshipCode)
        if !townshipCode.isEmpty { q = q.filter(\.$townshipCode == townshipCode) }
        if !villageCode.isEmpty { q = q.filter(\.$villageCode == villageCode) }
        if !status.isEmpty { q = q.filter(\.$status == status) }
        switch interpretation {
        case .none: break
        case .fullID(let id): q = q.filter(\.$idNumber == id)
        case .idSuffix(let digits):
            let reversed = String(digits.reversed())
            q = q.filter(\.$idReversed >= reversed).filter(\.$idReversed < reversed + "~")
        case .name(let name):
            q = q.filter(\.$name >= name).filter(\.$name < name + "\u{10FFFF}")
        }
        return q
    }

    /// `counts` keeps totals between pages (see `Application.peopleCountCache`); without it every call counts.
    func run(on db: any Database, scope: AccessScope, counts: RegisterVersionedCache<Int>? = nil) async throws -> (rows: [Person], total: Int) {
        // The rows are partial models: only the fields selected below are set.
        let total: Int
        if let counts {
            total = try await counts.value(for: countKey(scope: scope), on: db) { try await build(db, scope: scope).count() }
        } else {
            total = try await build(db, scope: scope).count()
        }
        // Only the columns a result row shows (the page and the API summary): decoding a
        // whole 23-field model per row cost more than the query.
        let rows = try await build(db, scope: scope)
            .field(\.$id).field(\.$name).field(\.$idNumber).field(\.$sex).field(\.$townshipCode).field(\.$villageCode)
            .field(\.$relation).field(\.$status)
            .sort(\.$name).sort(\.$idNumber)
            .offset(paging.offset).limit(paging.perPage)
            .all()
        return (rows, total)
    }

    /// Everything the total depends on: the scope and the filters, not the page.
    func countKey(scope: AccessScope) -> String {
        [scope.townshipCode ?? "*", townshipCode, villageCode, status, "\(interpretation)"].joined(separator: "\u{1F}")
    }
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
