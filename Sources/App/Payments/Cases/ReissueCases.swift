import Fluent
import Foundation
import ResettleCore
import SQLKit

/// Failed payments (退票) become re-issue cases; see `RollGenerator.addReissues` for how a later
/// roll pays them.
enum ReissueCases {
    /// Opens a case for each failed row that matched one roll line. A period already re-issued
    /// whose re-issue failed too is opened again with the new failing account, audited, so that
    /// the money is not lost between two failures.
    static func open(
        for failures: [(PaymentRollLine, BankResultImporter.Row)], roll: PaymentRoll, resultID: UUID, actor: String,
        on tx: any Database
    ) async throws {
        guard !failures.isEmpty else { return }
        let rollID = try roll.requireID()
        let people = Array(Set(failures.map(\.0.person_id)))
        var existing: [String: ReissueCase] = [:]
        for chunk in people.chunked(into: 1000) {
            for c in try await ReissueCase.query(on: tx).filter(\.$personID ~~ Array(chunk)).all() {
                existing["\(c.personID)|\(c.period)"] = c
            }
        }
        var created: Set<String> = []
        var fresh: [[BulkValue]] = []
        var ids = OrderedUUIDGenerator()
        let now = Date()
        for (line, row) in failures {
            let failure = [row.record.status, row.failureReason].filter { !$0.isEmpty }.joined(separator: "：")
            if let c = existing["\(line.person_id)|\(line.for_period)"] {
                if c.statusValue == .withdrawn {
                    // Withdrawn when the result that opened it was voided: the corrected
                    // result fails the same payment, so the case is open again, for this result.
                    guard created.insert("\(line.person_id)|\(line.for_period)").inserted else { continue }
                    let before = ["status": c.status, "result": c.resultID.uuidString]
                    c.status = ReissueCase.Status.open.rawValue
                    c.rollID = rollID
                    c.resultID = resultID
                    c.amountFen = line.amount_fen
                    c.failedCard = line.card_number
                    c.failure = failure
                    c.townshipCode = line.township_code
                    c.name = line.name
                    c.reissueRollID = nil
                    try await c.update(on: tx)
                    try await AuditLog.append(
                        actor: actor, action: "reissue.reopen", entity: "reissue_case", entityID: c.id!.uuidString,
                        townshipCode: c.townshipCode, before: before,
                        after: [
                            "period": c.period, "card": c.failedCard, "failure": failure, "result": resultID.uuidString,
                        ], on: tx)
                    continue
                }
                guard c.statusValue == .reissued, c.reissueRollID == rollID else { continue }
                c.status = ReissueCase.Status.open.rawValue
                c.failedCard = line.card_number
                c.failure = failure
                c.resultID = resultID
                c.reissueRollID = nil
                // A new attempt: the failed line stays in its approved roll, and the next roll
                // may pay the case once more.
                c.reissueAttempt += 1
                try await c.update(on: tx)
                try await AuditLog.append(
                    actor: actor, action: "reissue.reopen", entity: "reissue_case", entityID: c.id!.uuidString,
                    townshipCode: c.townshipCode, before: nil,
                    after: [
                        "period": c.period, "card": c.failedCard, "failure": failure,
                        "attempt": String(c.reissueAttempt),
                    ], on: tx)
                continue
            }
            // New cases are written together below: a bank file with thousands of failures
            // would otherwise cost one statement per case.
            guard created.insert("\(line.person_id)|\(line.for_period)").inserted else { continue }
            fresh.append([
                .uuid(ids.next()), .uuid(line.person_id), .text(line.township_code), .text(line.id_number),
                .text(line.name), .text(line.for_period), .uuid(rollID), .uuid(resultID), .int(line.amount_fen),
                .text(line.card_number), .text(failure), .text(ReissueCase.Status.open.rawValue), .optionalUUID(nil),
                .date(now), .date(now),
            ])
        }
        try await BulkInsert.run(
            tx as! any SQLDatabase, into: ReissueCase.schema,
            columns: [
                "id", "person_id", "township_code", "id_number", "name", "period", "roll_id", "result_id", "amount_fen",
                "failed_card", "failure", "status", "reissue_roll_id", "created_at", "updated_at",
            ],
            rows: fresh)
    }
}

extension ReissueCases {
    /// Why the cases a result opened cannot be withdrawn, if one cannot: a roll already holds
    /// its re-issue (a draft to be regenerated, or an approved roll that paid it), or the result
    /// reopened a case whose re-issue had been paid (voiding would lose that payment's record).
    static func withdrawalRefusal(resultID: UUID, rollID: UUID, on db: any Database) async throws -> String? {
        let cases = try await ReissueCase.query(on: db).filter(\.$resultID == resultID).all()
        let held = cases.filter { $0.statusValue != .withdrawn && $0.reissueRollID != nil }
        if let c = held.first {
            let roll = try await PaymentRoll.find(c.reissueRollID, on: db)
            let which = roll.map { "\($0.period)花名册（\($0.statusValue.chinese)）" } ?? "其他花名册"
            let paid = c.statusValue == .reissued ? "已补发" : "已列入"
            return "该结果产生的补发中已有 \(held.count) 人\(paid)\(which)，如\(c.name)（\(c.period)）；"
                + "已付款或已列入花名册的补发不能撤回，请先处理该花名册"
        }
        if let c = cases.first(where: { $0.statusValue == .open && $0.rollID != rollID }) {
            return "该结果使\(c.name)（\(c.period)）已补发的款项重新待补发（补发再次失败）；作废会丢失原补发记录，不能作废"
        }
        return nil
    }

    /// Withdraws the open cases `resultID` opened, none of which a roll holds (checked first
    /// with `withdrawalRefusal`, under the same write). Each is audited; the case stays, so a
    /// corrected result that fails the same payment opens it again.
    static func withdraw(
        resultID: UUID, actor: String, reason: String, on tx: any Database, audit: AuditEntries
    ) async throws -> Int {
        let cases = try await ReissueCase.query(on: tx).filter(\.$resultID == resultID)
            .filter(\.$status == ReissueCase.Status.open.rawValue).filter(\.$reissueRollID == nil).all()
        for c in cases {
            c.status = ReissueCase.Status.withdrawn.rawValue
            try await c.update(on: tx)
            audit.record(
                actor: actor, action: "reissue.withdraw", entity: "reissue_case", entityID: c.id!.uuidString,
                townshipCode: c.townshipCode, before: ["status": ReissueCase.Status.open.rawValue],
                after: ["status": c.status, "result": resultID.uuidString, "reason": reason])
        }
        return cases.count
    }
}
