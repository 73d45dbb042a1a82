import Fluent
import Foundation
import ResettleCore

/// Approves a draft roll: a second person (leader or admin) who did not generate it. Approval
/// locks the roll for good; re-issues it carries are closed with it, and a digest of its lines
/// is recorded (`RollDigest`).
struct RollApproval {
    let db: any Database
    let gate: WriteGate
    let user: User

    func approve(rollID: UUID) async throws -> PaymentRoll {
        guard user.roleValue.canApproveAsCounty else { throw ResettleError.forbidden }
        let user = user
        return try await gate.write(on: db) { tx, audit in
            // Re-read inside the transaction so two approvals or an approval racing a
            // regeneration cannot both win.
            guard let roll = try await PaymentRoll.find(rollID, on: tx) else { throw ResettleError.notFound }
            guard !roll.isLocked else { throw ResettleError.conflict("\(roll.period)的发放花名册已审批锁定") }
            guard !roll.isDiscarded else { throw ResettleError.conflict("该花名册已作废，不能审批") }
            guard roll.generatedBy != user.username else {
                throw ResettleError.conflict("花名册须由生成人以外的另一人审批（本花名册由您生成）")
            }
            guard roll.lineCount > 0 else { throw ResettleError.conflict("花名册没有发放对象，不能审批") }
            if let paid = try await PaymentRoll.query(on: tx).filter(\.$period == roll.period)
                .filter(\.$status == PaymentRoll.Status.approved.rawValue).first(), paid.id != roll.id
            {
                throw ResettleError.conflict("\(roll.period)已有审批通过的花名册，同一期不能重复发放")
            }
            let before = RollSnapshot(roll)
            roll.status = PaymentRoll.Status.approved.rawValue
            roll.approvedBy = user.username
            roll.approvedAt = Date()
            // What was approved, line by line: kept in the roll and, through the audit
            // entry's after-JSON, under the audit MAC, so `audit verify` can tell if a line
            // is edited later in the table itself.
            roll.linesDigest = try await RollDigest.compute(rollID: rollID, on: tx)
            try await roll.update(on: tx)
            let reissues = try await ReissueCase.query(on: tx).filter(\.$reissueRollID == rollID)
                .filter(\.$status == ReissueCase.Status.open.rawValue).all()
            for c in reissues {
                c.status = ReissueCase.Status.reissued.rawValue
                try await c.update(on: tx)
            }
            audit.record(
                actor: user.username, action: "roll.approve", entity: "payment_roll", entityID: rollID.uuidString,
                townshipCode: nil, before: before, after: RollSnapshot(roll))
            return roll
        }
    }
}
