import Fluent
import Foundation
import ResettleCore

/// The petitions a register person raised or that are about them, for their page. A
/// restricted petition is listed only to those who may read it: the list itself says who
/// raised it.
enum PetitionLinks {
    static func of(personID: UUID, user: User, on db: any Database) async throws -> [PersonModel.PetitionRow] {
        guard PetitionAccess.read.contains(user.roleValue) else { return [] }
        let raised = try await Petitioner.query(on: db).filter(\.$personID == personID).all().map(\.petitionID)
        let petitions = try await AccessScope(user: user).restrict(Petition.query(on: db), field: \.$townshipCode)
            .group(.or) { g in
                g.filter(\.$personID == personID)
                if !raised.isEmpty { g.filter(\.$id ~~ raised) }
            }.sort(\.$receivedOn, .descending).all()
        guard !petitions.isEmpty else { return [] }
        let rules = try await PetitionRules.load(on: db)
        return petitions.filter { PetitionAccess.seesContent(of: $0, user: user, rules: rules) }.map {
            .init(
                id: $0.id!, number: $0.number, receivedOn: $0.receivedOn, category: $0.category,
                stage: $0.stageValue.chinese)
        }
    }
}
