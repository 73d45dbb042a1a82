import Fluent
import Foundation
import ResettleCore
import Vapor

/// Everything the petition page (and the API's petition) shows, for one viewer. A viewer who
/// may not see a restricted petition's content gets its number, dates and stage only; a viewer
/// who may is recorded in the audit trail each time.
struct PetitionPage: Sendable {
    var petition: Petition
    var procedure: PetitionProcedure
    var seesContent: Bool
    var petitioners: [Petitioner]
    var events: [PetitionEvent]
    var repeatOf: Petition?
    var repeats: [Petition]
    var subject: Person?
    var townshipName: String
    var villageName: String
    var canHandle: Bool
    var canExtend: Bool
    var today: CivilDate

    static func load(
        _ p: Petition, user: User, gate: WriteGate, regions: RegionDirectory, today: CivilDate, on db: any Database
    ) async throws -> PetitionPage {
        let rules = try await PetitionRules.load(on: db)
        let id = try p.requireID()
        let sees = PetitionAccess.seesContent(of: p, user: user, rules: rules)
        if p.restricted, sees {
            try await gate.write(on: db) { _, audit in
                audit.record(
                    actor: user.username, action: "petition.view.restricted", entity: "petition", entityID: p.number,
                    townshipCode: p.townshipCode, before: nil, after: nil)
            }
        }
        let readOnly = user.roleValue.isReadOnly
        var repeatOf: Petition?
        if let earlier = p.repeatOfID { repeatOf = try await Petition.find(earlier, on: db) }
        var subject: Person?
        if sees, let personID = p.personID { subject = try await Person.find(personID, on: db) }
        return PetitionPage(
            petition: p, procedure: p.procedure(rules), seesContent: sees,
            petitioners: sees ? try await Petitioner.query(on: db).filter(\.$petitionID == id).all() : [],
            events: try await PetitionEvent.query(on: db).filter(\.$petitionID == id).sort(\.$day).sort(\.$createdAt)
                .all(),
            repeatOf: repeatOf,
            repeats: try await Petition.query(on: db).filter(\.$repeatOfID == id).sort(\.$receivedOn).all(),
            subject: subject,
            townshipName: regions.name(p.townshipCode), villageName: p.villageCode.map(regions.name) ?? "",
            canHandle: !readOnly && PetitionAccess.handle.contains(user.roleValue),
            canExtend: PetitionAccess.approveExtension.contains(user.roleValue), today: today)
    }
}
