import Fluent
import Foundation
import ResettleCore
import SQLKit

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

    func run(on db: any Database, scope: AccessScope) async throws -> (rows: [Person], total: Int) {
        let total = try await build(db, scope: scope).count()
        let rows = try await build(db, scope: scope)
            .sort(\.$name).sort(\.$idNumber)
            .range(lower: (max(page, 1) - 1) * perPage, upper: max(page, 1) * perPage)
            .all()
        return (rows, total)
    }
}
