import Fluent
import Foundation
import ResettleCore
import Vapor

/// Writes of the dispute screening, each audited.
struct DisputeService: Sendable {
    let db: any Database
    let gate: WriteGate
    let user: User
    let today: CivilDate

    struct NewEntry: Codable, Sendable {
        var townshipCode: String
        var period: String
        var foundOn: CivilDate
        var subject: String
        var risk: DisputeRisk
        var people: String
        var measures: String
    }

    func add(_ n: NewEntry) async throws -> DisputeScreening {
        guard PetitionAccess.handle.contains(user.roleValue) else { throw ResettleError.forbidden }
        let scope = AccessScope(user: user)
        guard scope.allows(townshipCode: n.townshipCode) else { throw ResettleError.forbidden }
        let entry = DisputeScreening()
        entry.townshipCode = n.townshipCode
        entry.period = try n.period.requiredText("请填写排查期次（如2022年第三季度）", field: "period")
        guard n.foundOn <= today else { throw ResettleError.invalidField("排查日期晚于今天", field: "found_on") }
        entry.foundOn = n.foundOn.iso
        entry.subject = try n.subject.requiredText("请填写矛盾纠纷事由", field: "subject")
        entry.risk = n.risk.rawValue
        entry.people = try n.people.requiredText("请填写涉及人员", field: "people")
        entry.measures = try n.measures.requiredText("请填写化解措施", field: "measures")
        entry.followUp = ""
        entry.createdBy = user.username
        return try await gate.write(on: db) { tx, audit in
            guard try await Region.find(n.townshipCode, on: tx)?.level == "township" else {
                throw ResettleError.invalidField("乡镇代码“\(n.townshipCode)”不存在", field: "township")
            }
            try await entry.create(on: tx)
            audit.record(
                actor: user.username, action: "dispute.add", entity: "dispute",
                entityID: try entry.requireID().uuidString,
                townshipCode: n.townshipCode, before: nil, after: n)
            return entry
        }
    }

    /// Appends a dated follow-up line; `resolved` closes the entry.
    func followUp(_ id: UUID, on day: CivilDate, text: String, resolved: Bool) async throws -> DisputeScreening {
        guard PetitionAccess.handle.contains(user.roleValue) else { throw ResettleError.forbidden }
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ResettleError.invalidField("请填写跟进情况", field: "text") }
        guard day <= today else { throw ResettleError.invalidField("日期晚于今天", field: "day") }
        let scope = AccessScope(user: user)
        return try await gate.write(on: db) { tx, audit in
            guard let entry = try await DisputeScreening.find(id, on: tx),
                scope.allows(townshipCode: entry.townshipCode)
            else { throw ResettleError.notFound }
            guard entry.resolvedOn == nil else { throw ResettleError.conflict("该矛盾纠纷已于\(entry.resolvedOn!)化解") }
            guard day.iso >= entry.foundOn else {
                throw ResettleError.invalidField("日期早于排查日期\(entry.foundOn)", field: "day")
            }
            let before = entry.followUp
            entry.followUp = (before.isEmpty ? "" : before + "\n") + "\(day.iso) \(text)" + (resolved ? "（已化解）" : "")
            if resolved { entry.resolvedOn = day.iso }
            try await entry.save(on: tx)
            audit.record(
                actor: user.username, action: "dispute.follow", entity: "dispute", entityID: id.uuidString,
                townshipCode: entry.townshipCode, before: before, after: entry.followUp)
            return entry
        }
    }
}
