import Fluent
import Foundation
import ResettleCore
import SQLKit

/// Discards (作废) a draft roll: a county user's decision, with a reason, in the audit trail.
/// The roll is kept with status `discarded`, who discarded it, when and why, and its figures as
/// they were; it leaves the list of live rolls, and its period is free for a new roll. Its lines
/// and exclusions go, as a regeneration's do (a draft's lines are not money yet, and the audit
/// entry keeps its totals), and the re-issue cases it claimed are released, so the next draft
/// takes them. An approved roll can never be discarded.
struct RollDiscard {
    let db: any Database
    let gate: WriteGate
    let user: User

    static let maxReasonLength = 500

    func discard(rollID: UUID, reason rawReason: String) async throws -> PaymentRoll {
        guard PaymentAccess.operate.contains(user.roleValue) else { throw ResettleError.forbidden }
        let reason = rawReason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ResettleError.invalidInput("请填写作废原因") }
        guard reason.count <= Self.maxReasonLength else {
            throw ResettleError.invalidInput("作废原因不能超过\(Self.maxReasonLength)字")
        }
        let actor = user.username
        return try await gate.write(on: db) { tx, audit in
            // Re-read inside the transaction: an approval that won the race keeps the roll.
            guard let roll = try await PaymentRoll.find(rollID, on: tx) else { throw ResettleError.notFound }
            let period = roll.periodValue?.chinese ?? roll.period
            guard !roll.isLocked else {
                throw ResettleError.conflict("\(period)的发放花名册已审批锁定，不能作废")
            }
            guard !roll.isDiscarded else { throw ResettleError.conflict("\(period)的这份花名册已作废") }
            let before = RollSnapshot(roll)
            let sql = tx as! any SQLDatabase
            try await ReissueCaseClaims.release(rollID: rollID, on: sql)
            try await sql.delete(from: "payment_roll_lines").where("roll_id", .equal, SQLBind(rollID)).run()
            try await sql.delete(from: "payment_exclusions").where("roll_id", .equal, SQLBind(rollID)).run()
            roll.status = PaymentRoll.Status.discarded.rawValue
            roll.discardedBy = actor
            roll.discardedAt = Date()
            roll.discardReason = reason
            try await roll.update(on: tx)
            audit.record(
                actor: actor, action: "roll.discard", entity: "payment_roll", entityID: rollID.uuidString,
                townshipCode: nil, before: before, after: RollSnapshot(roll))
            return roll
        }
    }
}
