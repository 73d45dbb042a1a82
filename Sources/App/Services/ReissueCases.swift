import Fluent
import Foundation
import ResettleCore

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
        for (line, row) in failures {
            let failure = [row.record.status, row.failureReason].filter { !$0.isEmpty }.joined(separator: "：")
            if let c = existing["\(line.person_id)|\(line.for_period)"] {
                guard c.statusValue == .reissued, c.reissueRollID == rollID else { continue }
                c.status = ReissueCase.Status.open.rawValue
                c.failedCard = line.card_number
                c.failure = failure
                c.resultID = resultID
                c.reissueRollID = nil
                try await c.update(on: tx)
                try await AuditLog.append(
                    actor: actor, action: "reissue.reopen", entity: "reissue_case", entityID: c.id!.uuidString,
                    townshipCode: c.townshipCode, before: nil,
                    after: ["period": c.period, "card": c.failedCard, "failure": failure], on: tx)
                continue
            }
            let c = ReissueCase()
            c.personID = line.person_id
            c.townshipCode = line.township_code
            c.idNumber = line.id_number
            c.name = line.name
            c.period = line.for_period
            c.rollID = rollID
            c.resultID = resultID
            c.amountFen = line.amount_fen
            c.failedCard = line.card_number
            c.failure = failure
            c.status = ReissueCase.Status.open.rawValue
            try await c.create(on: tx)
            existing["\(line.person_id)|\(line.for_period)"] = c
        }
    }
}
