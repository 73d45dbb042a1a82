import Fluent
import Foundation
import SQLKit

/// Voiding (作废) an imported bank result that was wrong: the wrong file, the wrong roll, the
/// columns matched wrongly. A second person does it (not the one who imported it), with a
/// reason, audited. The result, its lines, its differences and its archived file stay, shown as
/// 已作废 with who, when and why; it leaves the roll page and the three-way match; the re-issue
/// cases it opened are withdrawn, or the void is refused while a roll holds one of them. Then
/// the corrected file, or the same file, may be imported again.
struct BankResultVoiding {
    let db: any Database
    let gate: WriteGate
    let user: User

    /// County payment staff and leadership (and the administrator): those who import results
    /// and those who approve rolls. Finance and discipline only read.
    static let roles: Set<Role> = PaymentAccess.operate.union(PaymentAccess.approve)

    /// Why `user` may not void `result` at all (shown instead of the form), if so.
    static func refusal(_ result: BankResult, by user: User) -> String? {
        if let at = result.voidedAt {
            return "该银行结果已于\(Figures.moment(at))由\(result.voidedBy ?? "")作废，不能重复作废"
        }
        guard roles.contains(user.roleValue) else { return "只有县移民中心发放经办人员或中心领导可以作废银行结果" }
        if user.username == result.importedBy {
            return "银行结果须由导入人以外的另一人作废（本结果由 \(result.importedBy) 导入）"
        }
        return nil
    }

    @discardableResult
    func void(resultID: UUID, reason: String) async throws -> BankResult {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ResettleError.invalidInput("请填写作废原因（如：导入了错误的文件、列对应错误）") }
        guard reason.count <= 500 else { throw ResettleError.invalidInput("作废原因不能超过500字") }
        let user = user
        return try await gate.write(on: db) { tx, audit in
            guard let result = try await BankResult.find(resultID, on: tx) else { throw ResettleError.notFound }
            if let refusal = Self.refusal(result, by: user) {
                throw ResettleError.conflict(refusal)
            }
            if let refusal = try await ReissueCases.withdrawalRefusal(
                resultID: resultID, rollID: result.rollID, on: tx)
            {
                throw ResettleError.conflict(refusal)
            }
            // The state check the database enforces: only a result not yet voided is voided, so
            // two voids at once (or one repeated) leave exactly one on record.
            let now = Date()
            let changed = try await (tx as! any SQLDatabase).update(BankResult.schema)
                .set("voided_by", to: SQLBind(user.username))
                .set("voided_at", to: SQLBind(now))
                .set("void_reason", to: SQLBind(reason))
                .where("id", .equal, SQLBind(resultID))
                .where("voided_at", .is, SQLLiteral.null)
                .returning("id")
                .all()
            guard changed.count == 1 else { throw ResettleError.conflict("该银行结果已作废，不能重复作废") }
            let withdrawn = try await ReissueCases.withdraw(
                resultID: resultID, actor: user.username, reason: reason, on: tx, audit: audit)
            audit.record(
                actor: user.username, action: "bank_result.void", entity: "bank_result",
                entityID: resultID.uuidString, townshipCode: nil,
                before: ["voided": "false", "imported_by": result.importedBy],
                after: [
                    "voided": "true", "reason": reason, "roll": result.rollID.uuidString, "file": result.fileName,
                    "sha256": result.sha256, "reissues_withdrawn": String(withdrawn),
                ])
            result.voidedBy = user.username
            result.voidedAt = now
            result.voidReason = reason
            return result
        }
    }
}
