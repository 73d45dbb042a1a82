import Fluent
import Foundation
import ResettleCore

/// What an audit entry's object is called on the page: a person by name and ID number (with a
/// link to their page), a change request by its kind and person, a roll by its period, a bank
/// result by its file and roll. Each kind is read once per page, for all its rows together.
struct AuditObjects: Sendable {
    struct Named: Sendable, Equatable {
        var text: String
        /// The person's page, when the object is or concerns a person still on the register.
        var personID: UUID?
    }

    private var names: [String: Named] = [:]

    static func load(_ entries: [AuditEntry], on db: any Database) async throws -> AuditObjects {
        var objects = AuditObjects()
        func ids(_ entity: String) -> [String] { entries.filter { $0.entity == entity }.map(\.entityID) }
        func uuids(_ entity: String) -> [UUID] { ids(entity).compactMap(UUID.init(uuidString:)) }

        let changes = try await ChangeRequest.query(on: db).filter(\.$id ~~ uuids("change_request")).all()
        let reissues = try await ReissueCase.query(on: db).filter(\.$id ~~ uuids("reissue_case")).all()
        let recoveries = try await RecoveryCase.query(on: db).filter(\.$id ~~ uuids("recovery_case")).all()
        let peopleByID = try await Person.query(on: db).group(.or) {
            $0.filter(\.$idNumber ~~ ids("person")).filter(\.$id ~~ changes.map(\.personID))
        }.all()
        let byNumber = Dictionary(peopleByID.map { ($0.idNumber, $0) }, uniquingKeysWith: { a, _ in a })
        let byUUID = Dictionary(peopleByID.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        for number in ids("person") {
            let name = byNumber[number].map { "\($0.name) \(number)" } ?? number
            objects.names["person|" + number] = Named(text: "人员：\(name)", personID: byNumber[number]?.id)
        }
        for c in changes {
            let person = byUUID[c.personID]
            let kind = ChangeKind(rawValue: c.kind)?.chinese ?? c.kind
            objects.names["change_request|" + c.id!.uuidString] = Named(
                text: "\(kind)申请：\(person.map { "\($0.name) \($0.idNumber)" } ?? "")", personID: c.personID)
        }
        for c in reissues {
            objects.names["reissue_case|" + c.id!.uuidString] = Named(
                text: "补发：\(c.name) \(c.idNumber) \(Figures.period(c.period))", personID: c.personID)
        }
        for c in recoveries {
            objects.names["recovery_case|" + c.id!.uuidString] = Named(
                text: "追缴：\(c.name) \(c.idNumber) \(Figures.period(c.period))", personID: c.personID)
        }
        let results = try await BankResult.query(on: db).filter(\.$id ~~ uuids("bank_result")).all()
        let rolls = try await PaymentRoll.query(on: db).filter(\.$id ~~ (uuids("payment_roll") + results.map(\.rollID)))
            .all()
        let periods = Dictionary(rolls.compactMap { r in r.id.map { ($0, Figures.period(r.period)) } }) { a, _ in a }
        for r in rolls {
            objects.names["payment_roll|" + r.id!.uuidString] = Named(
                text: "发放花名册：\(Figures.period(r.period))", personID: nil)
        }
        for r in results {
            objects.names["bank_result|" + r.id!.uuidString] = Named(
                text: "银行结果：\(r.fileName)（\(periods[r.rollID] ?? "")）", personID: nil)
        }
        return objects
    }

    /// The entry's object in words; an object not found (or of another kind) by kind and id.
    func name(_ entry: AuditEntry) -> Named {
        names[entry.entity + "|" + entry.entityID]
            ?? Named(text: "\(AuditVocabulary.entity(entry.entity))：\(entry.entityID)", personID: nil)
    }
}
