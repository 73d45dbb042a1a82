import Fluent
import Foundation
import ResettleCore
import Vapor

/// A new resettler entered by hand: the person is recorded as pending (not paid) together with
/// an addition request, which goes through notice, review and approval like any change.
struct PersonRegistration: Content, Sendable {
    var idNumber: String
    var name: String
    var relation: String
    var headIDNumber: String
    var township: String
    var village: String
    var group: String
    var reservoir: String
    var resettlementType: String
    var moveCompletedOn: String
    var bankName: String
    var cardNumber: String
    var phone: String
    var evidence: String
    var noticeStart: String
    var noticeEnd: String
    /// Why the notice started before the request was filed; absent from forms that never backdate.
    var noticeReason: String?

    /// Form fields are snake_case, as every form of the site.
    enum CodingKeys: String, CodingKey {
        case idNumber = "id_number"
        case name, relation
        case headIDNumber = "head_id_number"
        case township, village, group, reservoir
        case resettlementType = "resettlement_type"
        case moveCompletedOn = "move_completed_on"
        case bankName = "bank_name"
        case cardNumber = "card_number"
        case phone, evidence
        case noticeStart = "notice_start"
        case noticeEnd = "notice_end"
        case noticeReason = "notice_reason"
    }
}

extension ChangeService {
    func submitAddition(_ f: PersonRegistration) async throws -> ChangeRequest {
        guard user.roleValue.canEditRegister else { throw ResettleError.forbidden }
        let id: ResidentID
        do { id = try ResidentID(validating: f.idNumber) } catch {
            throw ResettleError.invalidField(error.message, field: "id_number")
        }
        let head: ResidentID
        do { head = try ResidentID(validating: f.headIDNumber) } catch {
            throw ResettleError.invalidField("户主" + error.message, field: "head_id_number")
        }
        let name = f.name.trimmingIDWhitespace()
        guard !name.isEmpty else { throw ResettleError.invalidField("姓名不能为空", field: "name") }
        guard let relation = HouseholdRelation(rawValue: f.relation) ?? HouseholdRelation(chinese: f.relation) else {
            throw ResettleError.invalidField("与户主关系无效", field: "relation")
        }
        if relation == .head && head != id {
            throw ResettleError.invalidField("本人为户主时，户主身份证号应与本人相同", field: "head_id_number")
        }
        let regions = try await RegionDirectory.load(on: db)
        guard let township = regions.township(f.township.trimmingIDWhitespace()) else {
            throw ResettleError.invalidField("乡镇“\(f.township)”不存在", field: "township")
        }
        guard scope.allows(townshipCode: township) else { throw ResettleError.forbidden }
        guard let village = regions.village(f.village.trimmingIDWhitespace(), in: township) else {
            throw ResettleError.invalidField("\(regions.name(township))没有村“\(f.village)”", field: "village")
        }
        let groupText = f.group.trimmingIDWhitespace()
        let group = groupText.isEmpty ? nil : RegionDirectory.groupCode(groupText, village: village)
        if !groupText.isEmpty && group == nil { throw ResettleError.invalidField("组应填数字", field: "group") }
        guard let type = ResettlementType(rawValue: f.resettlementType) ?? ResettlementType(chinese: f.resettlementType)
        else {
            throw ResettleError.invalidField("移民类型无效", field: "resettlement_type")
        }
        let move = CivilDate(parsing: f.moveCompletedOn)
        guard let window = SupportWindow.standard(type: type, moveCompleted: move) else {
            throw ResettleError.invalidField("原迁移民须填写搬迁完成日期", field: "move_completed_on")
        }
        var card: String?
        if !f.cardNumber.trimmingIDWhitespace().isEmpty {
            switch BankCard.check(f.cardNumber) {
            case .valid(let d), .luhnFailed(let d): card = d
            case .invalid: throw ResettleError.invalidField("银行卡号应为12至19位数字", field: "card_number")
            }
        }
        let reservoirName = f.reservoir.trimmingIDWhitespace()
        guard !reservoirName.isEmpty else { throw ResettleError.invalidField("水库不能为空", field: "reservoir") }
        guard let noticeStart = CivilDate(parsing: f.noticeStart), let noticeEnd = CivilDate(parsing: f.noticeEnd)
        else {
            throw ResettleError.invalidField("请填写公示起止日期", field: "notice_start")
        }
        // Checked before the person is written: a refused notice must leave nothing behind.
        let noticeReason = f.noticeReason ?? ""
        try await validateNotice(start: noticeStart, end: noticeEnd, reason: noticeReason)

        let cardNumber = card
        let person: Person = try await gate.write(on: db) { tx, audit in
            // IDs are unique across the county, so this lookup cannot be scoped; its answer
            // names only the ID the clerk typed, never where or whose it is.
            if try await Person.query(on: tx).filter(\.$idNumber == id.value).count() > 0 {
                throw ResettleError.conflict("身份证号\(id.value)已在移民库中登记，不能重复调增")
            }
            let householdID: UUID
            // Scoped like a read: another township's household is answered exactly like one
            // that does not exist, or joining it would list its members on the new person's page.
            let households = scope.restrict(Household.query(on: tx), field: \.$townshipCode)
            if let existing = try await households.filter(\.$headIDNumber == head.value).first() {
                householdID = try existing.requireID()
            } else if relation == .head {
                let household = Household()
                household.headIDNumber = head.value
                household.townshipCode = township
                household.villageCode = village
                household.groupCode = group
                try await household.create(on: tx)
                householdID = try household.requireID()
            } else if scope.townshipCode != nil {
                throw ResettleError.invalidField("户主身份证号不在本乡镇名册中，请核对", field: "head_id_number")
            } else {
                throw ResettleError.invalidField("户主\(head.value)不在移民库中，请先登记户主", field: "head_id_number")
            }
            if let group, try await Region.find(group, on: tx) == nil {
                try await Region(code: RegionCode(group)!, name: "\(Int(group.suffix(3)) ?? 0)组").create(on: tx)
            }
            let reservoir: Reservoir
            if let found = try await Reservoir.query(on: tx).filter(\.$name == reservoirName).first() {
                reservoir = found
            } else {
                reservoir = Reservoir(name: reservoirName)
                try await reservoir.create(on: tx)
            }
            let p = Person()
            p.idNumber = id.value
            p.idReversed = String(id.value.reversed())
            p.name = name
            p.sex = id.sex.rawValue
            p.birthDate = id.birthDate.iso
            p.relation = relation.rawValue
            p.householdID = householdID
            p.townshipCode = township
            p.villageCode = village
            p.groupCode = group
            p.reservoirID = try reservoir.requireID()
            p.resettlementType = type.rawValue
            p.moveCompletedOn = move?.iso
            p.supportStart = window.start.iso
            p.supportEnd = window.end.iso
            p.status = PersonStatus.pending.rawValue
            p.bankName = f.bankName.trimmingIDWhitespace().isEmpty ? nil : f.bankName.trimmingIDWhitespace()
            p.cardNumber = cardNumber
            p.phone = f.phone.trimmingIDWhitespace().isEmpty ? nil : f.phone.trimmingIDWhitespace()
            try await p.create(on: tx)
            audit.record(
                actor: user.username, action: "person.register", entity: "person", entityID: p.idNumber,
                townshipCode: township, before: nil, after: PersonSnapshot(p))
            return p
        }
        return try await submit(
            Submission(
                kind: .addition, reason: nil, evidence: f.evidence, noticeStart: noticeStart, noticeEnd: noticeEnd,
                noticeReason: noticeReason),
            for: person)
    }
}
