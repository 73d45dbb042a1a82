import Fluent
import Foundation
import ResettleCore
import Vapor

/// Registering a petition the day it comes in, accepted or not: the people on it checked and
/// linked to the register, the group rules, and the link to an earlier petition of the same
/// person on the same matter (重复信访).
struct PetitionRegistration: Sendable {
    let db: any Database
    let gate: WriteGate
    let user: User
    let today: CivilDate

    struct NewPetitioner: Codable, Sendable {
        var role: PetitionerRole
        var name: String
        var idNumber: String
        var address: String
        var phone: String
        var authorisation: String
    }

    struct NewPetition: Codable, Sendable {
        var receivedOn: CivilDate
        var channel: PetitionChannel
        var referralReference: String
        var headcount: Int
        var townshipCode: String
        var villageCode: String
        var category: String
        var request: String
        var facts: String
        var restricted: Bool
        /// The resident ID of the register person the petition is about, if any.
        var subjectIDNumber: String
        var people: [NewPetitioner]
    }

    struct Registered: Sendable {
        var petition: Petition
        /// What the registrar must know at once: a repeat petition, a matter already final.
        var notices: [String]
    }

    private struct Checked: Sendable {
        var person: NewPetitioner
        var idNumber: String?
    }

    func register(_ n: NewPetition) async throws -> Registered {
        guard PetitionAccess.handle.contains(user.roleValue) else { throw ResettleError.forbidden }
        let scope = AccessScope(user: user)
        guard scope.allows(townshipCode: n.townshipCode) else { throw ResettleError.forbidden }
        guard n.receivedOn <= today else {
            throw ResettleError.invalidField("登记日期\(n.receivedOn.iso)晚于今天（\(today.iso)）", field: "received_on")
        }
        let reference = n.referralReference.trimmingCharacters(in: .whitespaces)
        if n.channel == .referral, reference.isEmpty {
            throw ResettleError.invalidField("转交办的信访事项须填写上级交办文号", field: "referral_reference")
        }
        guard (1...100_000).contains(n.headcount) else {
            throw ResettleError.invalidField("来访人数须为1至100000人", field: "headcount")
        }
        let request = n.request.trimmingCharacters(in: .whitespacesAndNewlines)
        let facts = n.facts.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !request.isEmpty else { throw ResettleError.invalidField("请填写信访请求", field: "request") }
        guard !facts.isEmpty else { throw ResettleError.invalidField("请填写事实和理由", field: "facts") }
        let people = try checkedPeople(n.people)
        let rules = try await PetitionRules.load(on: db)
        let representatives = people.filter { $0.person.role == .representative }.count
        if n.headcount >= rules.groupThreshold {
            guard (1...rules.maxRepresentatives).contains(representatives) else {
                throw ResettleError.invalidField(
                    "\(n.headcount)人来访为集体访（\(rules.groupThreshold)人及以上），须推选1至\(rules.maxRepresentatives)名代表，填写了\(representatives)名",
                    field: "people")
            }
        }
        let named = people.filter { $0.person.role != .agent }.count
        guard named <= n.headcount else {
            throw ResettleError.invalidField("登记了\(named)名信访人和代表，多于人数\(n.headcount)人", field: "headcount")
        }
        guard people.filter({ $0.person.role == .agent }).count <= 2 else {
            throw ResettleError.invalidField("代理人最多2名", field: "people")
        }

        return try await gate.write(on: db) { tx, audit in
            guard try await Region.find(n.townshipCode, on: tx)?.level == "township" else {
                throw ResettleError.invalidField("乡镇代码“\(n.townshipCode)”不存在", field: "township")
            }
            let village = n.villageCode.trimmingCharacters(in: .whitespaces)
            if !village.isEmpty {
                guard try await Region.find(village, on: tx)?.parentCode == n.townshipCode else {
                    throw ResettleError.invalidField("村代码“\(village)”不属于所选乡镇", field: "village")
                }
            }
            guard try await FundsTerm.names(.petitionCategory, on: tx).contains(n.category) else {
                throw ResettleError.invalidField("信访类别“\(n.category)”不在用语表中", field: "category")
            }
            var subjectID: UUID?
            let subject = n.subjectIDNumber.trimmingCharacters(in: .whitespaces)
            if !subject.isEmpty {
                let id: String
                do throws(ResidentIDError) { id = try ResidentID(validating: subject).value } catch {
                    throw ResettleError.invalidField("所涉移民身份证号：" + error.message, field: "subject_id_number")
                }
                // Scoped like a read: a person of another township is "not in the register" here.
                guard
                    let person = try await scope.restrict(Person.query(on: tx), field: \.$townshipCode)
                        .filter(\.$idNumber == id).first()
                else {
                    throw ResettleError.invalidField("移民库中没有身份证号为\(id)的移民", field: "subject_id_number")
                }
                subjectID = try person.requireID()
            }
            let petition = Petition()
            petition.number = try await nextNumber(year: n.receivedOn.year, on: tx)
            petition.receivedOn = n.receivedOn.iso
            petition.channel = n.channel.rawValue
            petition.referralReference = n.channel == .referral ? reference : nil
            petition.headcount = n.headcount
            petition.townshipCode = n.townshipCode
            petition.villageCode = village.isEmpty ? nil : village
            petition.category = n.category
            petition.request = request
            petition.facts = facts
            petition.restricted = n.restricted
            petition.personID = subjectID
            petition.reviewHearingDays = 0
            petition.rereviewHearingDays = 0
            petition.stage = PetitionStage.registered.rawValue
            petition.createdBy = user.username

            var notices: [String] = []
            let ids = people.compactMap(\.idNumber)
            if let earlier = try await Self.earlierSameMatter(ids: ids, category: n.category, on: tx) {
                petition.repeatOfID = earlier.id
                notices.append("重复信访：同一信访人就同一事项已于\(earlier.receivedOn)登记（\(earlier.number)），已关联")
                if earlier.stageValue == .final {
                    notices.append("该事项已于\(earlier.rereviewAnsweredOn ?? "")复核终结，同一事实和理由的请求不再受理，请作不予受理告知")
                }
            }
            try await petition.create(on: tx)
            let petitionID = try petition.requireID()
            for p in people {
                var personID: UUID?
                if let id = p.idNumber {
                    personID = try await scope.restrict(Person.query(on: tx), field: \.$townshipCode)
                        .filter(\.$idNumber == id).first()?.requireID()
                }
                let auth = p.person.authorisation.trimmingCharacters(in: .whitespaces)
                try await Petitioner(
                    petitionID: petitionID, role: p.person.role, name: p.person.name, idNumber: p.idNumber,
                    address: p.person.address.trimmingCharacters(in: .whitespaces),
                    phone: p.person.phone.trimmingCharacters(in: .whitespaces),
                    authorisation: auth.isEmpty ? nil : auth, personID: personID
                ).create(on: tx)
            }
            try await PetitionEvent(
                petitionID: petitionID, day: n.receivedOn.iso, kind: .registered,
                text: "\(n.channel.chinese)，\(n.headcount)人，\(n.category)" + (notices.isEmpty ? "" : "；" + notices[0]),
                actor: user.username
            ).create(on: tx)
            audit.record(
                actor: user.username, action: "petition.register", entity: "petition", entityID: petition.number,
                townshipCode: n.townshipCode, before: nil,
                after: AuditedRegistration(
                    receivedOn: n.receivedOn.iso, channel: n.channel.rawValue, headcount: n.headcount,
                    category: n.category, restricted: n.restricted, repeatOf: petition.repeatOfID,
                    // A restricted petition's names stay out of the audit trail's readable copy.
                    names: n.restricted ? [] : people.map(\.person.name)))
            return Registered(petition: petition, notices: notices)
        }
    }

    private struct AuditedRegistration: Codable, Sendable {
        var receivedOn: String
        var channel: String
        var headcount: Int
        var category: String
        var restricted: Bool
        var repeatOf: UUID?
        var names: [String]
    }

    /// Each person's fields, checked; the message names the person by their place in the form.
    private func checkedPeople(_ people: [NewPetitioner]) throws -> [Checked] {
        let entered = people.filter {
            !($0.name + $0.idNumber + $0.address + $0.phone).trimmingCharacters(in: .whitespaces).isEmpty
        }
        guard entered.contains(where: { $0.role != .agent }) else {
            throw ResettleError.invalidField("请至少填写一名信访人或代表", field: "people")
        }
        var seen: Set<String> = []
        return try entered.enumerated().map { i, p in
            let label = "第\(i + 1)位（\(p.role.chinese)）"
            let name = p.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw ResettleError.invalidField("\(label)请填写姓名", field: "people") }
            var id: String?
            let raw = p.idNumber.trimmingCharacters(in: .whitespaces)
            if !raw.isEmpty {
                do throws(ResidentIDError) { id = try ResidentID(validating: raw).value } catch {
                    throw ResettleError.invalidField("\(label)\(name)的身份证号：" + error.message, field: "people")
                }
                guard seen.insert(id!).inserted else {
                    throw ResettleError.invalidField("\(label)\(name)的身份证号与前面的人员重复", field: "people")
                }
            }
            if p.role == .agent, p.authorisation.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ResettleError.invalidField("\(label)\(name)须填写授权委托情况", field: "people")
            }
            var person = p
            person.name = name
            return Checked(person: person, idNumber: id)
        }
    }

    /// The latest earlier petition on `category` with a petitioner or representative whose ID
    /// is one of `ids` — the same person on the same matter.
    static func earlierSameMatter(ids: [String], category: String, on db: any Database) async throws -> Petition? {
        guard !ids.isEmpty else { return nil }
        let petitionIDs = try await Petitioner.query(on: db).filter(\.$idNumber ~~ ids)
            .filter(\.$role != PetitionerRole.agent.rawValue).all().map(\.petitionID)
        guard !petitionIDs.isEmpty else { return nil }
        return try await Petition.query(on: db).filter(\.$id ~~ Set(petitionIDs)).filter(\.$category == category)
            .sort(\.$receivedOn, .descending).sort(\.$number, .descending).first()
    }

    /// XF2022-0007: the next number of the year. Inside the write gate, so two registrations
    /// never draw the same one; the unique index refuses it if they did.
    private func nextNumber(year: Int, on db: any Database) async throws -> String {
        let prefix = "XF\(year)-"
        let last = try await Petition.query(on: db).filter(\.$number >= prefix).filter(\.$number < "XF\(year)-~")
            .sort(\.$number, .descending).first()?.number
        let n = last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
        let digits = String(n + 1)
        return prefix + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
