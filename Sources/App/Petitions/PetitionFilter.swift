import Fluent
import Foundation
import ResettleCore
import Vapor

/// The petition list's filters, read once from the query and applied in SQL.
struct PetitionFilter: Sendable {
    static let perPage = 50

    var year: Int?
    var township = ""
    var stage: PetitionStage?
    var category = ""
    /// A petition number, or a petitioner's name or resident ID.
    var q = ""
    var page = 1

    init(year: Int? = nil) { self.year = year }

    init(_ req: Request) throws {
        let p = QueryParameters(req)
        year = try p.year()
        township = try p.text("township")
        let stageText = try p.text("stage")
        if !stageText.isEmpty {
            guard let s = PetitionStage(rawValue: stageText) else {
                throw ResettleError.badParameter(name: "stage", reason: "不是有效的办理阶段")
            }
            stage = s
        }
        category = try p.text("category")
        q = try p.text("q")
        page = try p.page()
    }

    var query: [(String, String)] {
        [
            ("year", year.map(String.init) ?? ""), ("township", township), ("stage", stage?.rawValue ?? ""),
            ("category", category), ("q", q),
        ].filter { !$0.1.isEmpty }
    }

    func build(_ db: any Database, scope: AccessScope) async throws -> QueryBuilder<Petition> {
        var query = scope.restrict(Petition.query(on: db), field: \.$townshipCode)
        if let year { query = query.filter(\.$receivedOn >= "\(year)-01-01").filter(\.$receivedOn <= "\(year)-12-31") }
        if !township.isEmpty { query = query.filter(\.$townshipCode == township) }
        if let stage { query = query.filter(\.$stage == stage.rawValue) }
        if !category.isEmpty { query = query.filter(\.$category == category) }
        if !q.isEmpty {
            // A name or ID matches only petitions whose people the user may see: never a
            // restricted petition's.
            let ids = try await Petitioner.query(on: db).group(.or) {
                $0.filter(\.$name == q).filter(\.$idNumber == q.uppercased())
            }.all().map(\.petitionID)
            let number = q.uppercased()
            query = query.group(.or) { g in
                g.filter(\.$number == number)
                if !ids.isEmpty { g.group(.and) { $0.filter(\.$id ~~ ids).filter(\.$restricted == false) } }
            }
        }
        return query
    }

    /// The filter's page of petitions, newest first, and how many match in all.
    func page(_ db: any Database, scope: AccessScope) async throws -> (total: Int, petitions: [Petition]) {
        let query = try await build(db, scope: scope)
        let total = try await query.count()
        let perPage = Self.perPage
        let petitions = try await query.sort(\.$receivedOn, .descending).sort(\.$number, .descending)
            .range(lower: min((page - 1) * perPage, total), upper: min(page * perPage, total)).all()
        return (total, petitions)
    }
}
