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
