import Fluent
import Foundation
import ResettleCore
import Vapor

/// Records a tenant's rent on a project that earns. Only a handed-over project earns: its
/// asset exists and has an owner.
struct ProjectIncomeService: Sendable {
    let db: any Database
    let gate: WriteGate
    let user: User

    struct Entry: Codable, Sendable {
        var year: Int
        var tenant: String
        var rentDueFen: Int64
        var rentReceivedFen: Int64
        var receivedOn: CivilDate
    }

    func record(_ e: Entry, projectID: UUID) async throws -> ProjectIncome {
        guard FundsAccess.countySteps.contains(user.roleValue) else { throw ResettleError.forbidden }
        let tenant = e.tenant.trimmingCharacters(in: .whitespaces)
        guard !tenant.isEmpty, tenant.count <= 100 else {
            throw ResettleError.invalidField("请填写承租单位（1至100个字）", field: "tenant")
        }
        guard e.rentDueFen >= 0, e.rentReceivedFen >= 0, e.rentDueFen + e.rentReceivedFen > 0 else {
            throw ResettleError.invalidField("应收和实收租金不能为负，且不能都为0", field: "rent_due")
        }
        return try await gate.write(on: db) { tx, audit in
            guard let project = try await Project.find(projectID, on: tx) else { throw ResettleError.notFound }
            guard project.stageValue == .closed else {
                throw ResettleError.conflict("项目尚未完工移交，还没有可出租的资产")
            }
            let income = ProjectIncome(
                projectID: projectID, year: e.year, tenant: tenant, rentDueFen: e.rentDueFen,
                rentReceivedFen: e.rentReceivedFen, receivedOn: e.receivedOn.iso, createdBy: user.username)
            try await income.create(on: tx)
            audit.record(
                actor: user.username, action: "project.income", entity: "project", entityID: project.code,
                townshipCode: project.townshipCode, before: nil, after: e)
            return income
        }
    }
}
