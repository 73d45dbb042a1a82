import Fluent
import Foundation
import ResettleCore

/// The payment policy versions in the database, as a Core `PolicySchedule`.
///
/// Adding a version is the only way to change the policy: versions are never edited or
/// removed, and a version may only start after the first day of every period that already has a roll, so that
/// "changing a setting never changes a period already computed" holds by construction.
enum PolicyStore {
    static func versions(on db: any Database) async throws -> [PaymentPolicyVersion] {
        try await PaymentPolicyVersion.query(on: db).sort(\.$effectiveFrom).all()
    }

    static func schedule(on db: any Database) async throws -> PolicySchedule {
        let policies = try await versions(on: db).map { try $0.policy() }
        do {
            return try PolicySchedule(policies)
        } catch {
            throw ResettleError.conflict(error.message)
        }
    }

    struct NewVersion: Sendable {
        var effectiveFrom: CivilDate
        var yearlyRateFen: Int64
        var periodsPerYear: Int
        var existingSupportYears: Int
        var relocatedSupportYears: Int
        var memo: String
        var document: String
    }

    /// Adds a version. Refused when a roll already exists for a period starting on or after
    /// the new effective date: that roll was computed under the old version and must stay as
    /// it is, so the new version has to start after it.
    static func add(_ v: NewVersion, actor: String, gate: WriteGate, on db: any Database) async throws
        -> PaymentPolicyVersion
    {
        let policy: PaymentPolicy
        do {
            policy = try PaymentPolicy(
                effectiveFrom: v.effectiveFrom, yearlyRateFen: v.yearlyRateFen, periodsPerYear: v.periodsPerYear,
                existingSupportYears: v.existingSupportYears, relocatedSupportYears: v.relocatedSupportYears,
                memo: v.memo.isEmpty ? PaymentPolicy.defaultMemo : v.memo)
        } catch {
            throw ResettleError.invalidInput(error.message)
        }
        let document = v.document.trimmingCharacters(in: .whitespaces)
        guard !document.isEmpty else { throw ResettleError.invalidInput("请填写政策依据（文号）") }
        return try await gate.write(on: db) { tx, audit in
            let existing = try await versions(on: tx)
            if existing.contains(where: { $0.effectiveFrom == policy.effectiveFrom.iso }) {
                throw ResettleError.conflict("已有从\(policy.effectiveFrom.chinese)起执行的政策版本；政策版本只能新增，不能修改")
            }
            for roll in try await PaymentRoll.query(on: tx).all() {
                // A period is priced by the version in force on its first day.
                if let period = roll.periodValue, period.start >= policy.effectiveFrom {
                    throw ResettleError.conflict(
                        "\(period.chinese)的发放花名册已按原政策生成，新政策的生效日期须晚于\(period.start.chinese)")
                }
            }
            let version = PaymentPolicyVersion(policy, document: document, createdBy: actor)
            try await version.create(on: tx)
            audit.record(
                actor: actor, action: "policy.add", entity: "payment_policy", entityID: policy.effectiveFrom.iso,
                townshipCode: nil, before: nil, after: policy)
            return version
        }
    }
}
