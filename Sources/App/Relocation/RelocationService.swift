import Fluent
import Foundation
import ResettleCore
import Vapor

/// Tasks of 避险解困 and each household's relocation. The county records tasks; the township
/// enrols its own register households and records each fact as it happens, in order: subsidy
/// paid, moved, old house dealt with, accepted. A head's ID registered in another township is
/// refused without saying where.
struct RelocationService: Sendable {
    let db: any Database
    let gate: WriteGate
    let user: User

    struct NewTask: Codable, Sendable {
        var year: Int
        var document: String
        var townshipCode: String
        var targetHouseholds: Int
        var targetPeople: Int
        var subsidyPerHouseholdFen: Int64
    }

    func addTask(_ t: NewTask) async throws -> RelocationTask {
        guard FundsAccess.manageFunds.contains(user.roleValue) else { throw ResettleError.forbidden }
        let document = t.document.trimmingCharacters(in: .whitespaces)
        guard !document.isEmpty else { throw ResettleError.invalidField("请填写任务文号", field: "document") }
        guard t.targetHouseholds > 0, t.targetPeople >= t.targetHouseholds else {
            throw ResettleError.invalidField("任务户数须大于0，人数不少于户数", field: "target_households")
        }
        guard t.subsidyPerHouseholdFen > 0 else {
            throw ResettleError.invalidField("每户补助须大于0", field: "subsidy")
        }
        return try await gate.write(on: db) { tx, audit in
            guard try await Region.find(t.townshipCode, on: tx)?.level == "township" else {
                throw ResettleError.invalidField("乡镇代码“\(t.townshipCode)”不存在", field: "township")
            }
            if try await RelocationTask.query(on: tx).filter(\.$document == document)
                .filter(\.$townshipCode == t.townshipCode).count() > 0
            {
                throw ResettleError.invalidField("该乡镇已有文号“\(document)”的任务", field: "document")
            }
            let task = RelocationTask(
                year: t.year, document: document, townshipCode: t.townshipCode, targetHouseholds: t.targetHouseholds,
                targetPeople: t.targetPeople, subsidyPerHouseholdFen: t.subsidyPerHouseholdFen, createdBy: user.username
            )
            try await task.create(on: tx)
            audit.record(
                actor: user.username, action: "relocation.task.add", entity: "relocation_task", entityID: document,
                townshipCode: t.townshipCode, before: nil, after: t)
            return task
        }
    }

    struct Enrolment: Codable, Sendable {
        var headIDNumber: String
        var newSite: String
        var projectID: UUID?
    }

    /// Enrols the household whose head has `headIDNumber` into `taskID`.
    func enrol(_ e: Enrolment, taskID: UUID) async throws -> HouseholdRelocation {
        guard FundsAccess.townshipSteps.contains(user.roleValue) else { throw ResettleError.forbidden }
        let id: String
        do throws(ResidentIDError) { id = try ResidentID(validating: e.headIDNumber).value } catch {
            throw ResettleError.invalidField("户主身份证号：" + error.message, field: "head_id_number")
        }
        let site = e.newSite.trimmingCharacters(in: .whitespaces)
        guard !site.isEmpty else { throw ResettleError.invalidField("请填写安置地点", field: "new_site") }
        let scope = AccessScope(user: user)
        return try await gate.write(on: db) { tx, audit in
            guard let task = try await RelocationTask.find(taskID, on: tx),
                scope.allows(townshipCode: task.townshipCode)
            else { throw ResettleError.notFound }
            // Scoped like a read: a household of another township is "not in the register" here.
            guard
                let household = try await Household.query(on: tx).filter(\.$headIDNumber == id)
                    .filter(\.$townshipCode == task.townshipCode).first()
            else {
                throw ResettleError.invalidField("本乡镇移民库中没有户主为\(id)的户", field: "head_id_number")
            }
            let householdID = try household.requireID()
            if try await HouseholdRelocation.query(on: tx).filter(\.$householdID == householdID).count() > 0 {
                throw ResettleError.invalidField("该户已纳入避险解困任务", field: "head_id_number")
            }
            if let projectID = e.projectID {
                guard let project = try await Project.find(projectID, on: tx), project.townshipCode == task.townshipCode
                else { throw ResettleError.invalidField("所选项目不属于本乡镇", field: "project") }
            }
            let people = try await Person.query(on: tx).filter(\.$householdID == householdID).count()
            let relocation = HouseholdRelocation(
                taskID: taskID, householdID: householdID, headIDNumber: id, people: people, newSite: site,
                projectID: e.projectID, createdBy: user.username)
            try await relocation.create(on: tx)
            audit.record(
                actor: user.username, action: "relocation.enrol", entity: "relocation_task", entityID: task.document,
                townshipCode: task.townshipCode, before: nil, after: e)
            return relocation
        }
    }

    enum Fact: String, Codable, Sendable, CaseIterable {
        case subsidy, moved, oldHouse, accepted

        var chinese: String {
            switch self {
            case .subsidy: return "发放搬迁补助"
            case .moved: return "搬迁入住"
            case .oldHouse: return "旧房处置"
            case .accepted: return "验收"
            }
        }
    }

    struct FactEntry: Codable, Sendable {
        var fact: Fact
        var day: CivilDate
        var amountFen: Int64?
        var oldHouse: String?
    }

    /// Records the next fact of a household's relocation.
    func record(_ f: FactEntry, relocationID: UUID) async throws -> HouseholdRelocation {
        guard FundsAccess.townshipSteps.contains(user.roleValue) else { throw ResettleError.forbidden }
        let scope = AccessScope(user: user)
        return try await gate.write(on: db) { tx, audit in
            guard let r = try await HouseholdRelocation.find(relocationID, on: tx),
                let task = try await RelocationTask.find(r.taskID, on: tx),
                scope.allows(townshipCode: task.townshipCode)
            else { throw ResettleError.notFound }
            let expected: Fact =
                r.subsidyPaidFen == nil
                ? .subsidy : r.movedOn == nil ? .moved : r.oldHouse == nil ? .oldHouse : .accepted
            guard r.acceptedOn == nil else { throw ResettleError.conflict("该户搬迁已验收") }
            guard f.fact == expected else {
                throw ResettleError.conflict("该户当前应办理“\(expected.chinese)”，不能先办理“\(f.fact.chinese)”")
            }
            switch f.fact {
            case .subsidy:
                guard let amount = f.amountFen, amount > 0, amount <= task.subsidyPerHouseholdFen else {
                    throw ResettleError.invalidField(
                        "补助金额须大于0且不超过每户\(Money.yuan(task.subsidyPerHouseholdFen))元", field: "amount")
                }
                r.subsidyPaidFen = amount
                r.subsidyPaidOn = f.day.iso
            case .moved: r.movedOn = f.day.iso
            case .oldHouse:
                let text = (f.oldHouse ?? "").trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { throw ResettleError.invalidField("请填写旧房处置情况", field: "old_house") }
                r.oldHouse = "\(f.day.iso) \(text)"
            case .accepted: r.acceptedOn = f.day.iso
            }
            try await r.save(on: tx)
            audit.record(
                actor: user.username, action: "relocation." + f.fact.rawValue, entity: "relocation_task",
                entityID: task.document, townshipCode: task.townshipCode, before: nil, after: f)
            return r
        }
    }
}
