import Fluent
import Foundation
import ResettleCore
import SQLKit

/// Gathers one person's payments, bank outcomes, re-issues and recoveries for the person page.
enum PersonPayments {
    static func model(personID: UUID, role: Role, on db: any Database) async throws -> PersonPaymentsModel {
        var model = PersonPaymentsModel()
        guard role != .discipline else { return model }
        model.visible = true
        let sql = db as! any SQLDatabase
        let lines = try await sql.select().column("roll_id").columns(PaymentRollLine.columns.map { SQLIdentifier($0) })
            .from("payment_roll_lines").where("person_id", .equal, SQLBind(personID)).all()
        let rolls = try await PaymentRoll.query(on: db).all()
        let rollByID = Dictionary(uniqueKeysWithValues: rolls.compactMap { r in r.id.map { ($0, r) } })
        let outcomes = try await sql.select().column(SQLColumn("roll_id", table: "bank_results"))
            .column(SQLColumn("status", table: "bank_result_lines")).column(
                SQLColumn("failure_reason", table: "bank_result_lines")
            )
            .column(SQLColumn("succeeded", table: "bank_result_lines"))
            .from("bank_result_lines")
            .join(
                "bank_results", on: SQLColumn("result_id", table: "bank_result_lines"), .equal,
                SQLColumn("id", table: "bank_results")
            )
            .where(SQLColumn("person_id", table: "bank_result_lines"), .equal, SQLBind(personID))
            // What the bank reported in a voided result no longer stands.
            .where(SQLColumn("voided_at", table: "bank_results"), .is, SQLLiteral.null).all()
        var bankByRoll: [UUID: String] = [:]
        for row in outcomes {
            let rollID = try row.decode(column: "roll_id", as: UUID.self)
            let ok = try row.decode(column: "succeeded", as: Bool.self)
            let reason = try row.decode(column: "failure_reason", as: String.self)
            bankByRoll[rollID] = ok ? "成功" : "失败（退票）" + (reason.isEmpty ? "" : "：\(reason)")
        }
        var payments: [(String, PersonPaymentsModel.Payment)] = []
        for row in lines {
            let rollID = try row.decode(column: "roll_id", as: UUID.self)
            let line = try row.decode(model: PaymentRollLine.self)
            guard let roll = rollByID[rollID] else { continue }
            payments.append(
                (
                    roll.period,
                    .init(
                        period: roll.period, forPeriod: line.for_period, kind: line.kindValue.chinese,
                        amount: Money.yuan(line.amount_fen),
                        card: line.card_number, rollStatus: roll.statusValue.chinese,
                        bank: bankByRoll[rollID] ?? (roll.isLocked ? "待银行结果" : "—"))
                ))
        }
        model.payments = payments.sorted { $0.0 > $1.0 }.map(\.1)
        model.reissues = try await ReissueCase.query(on: db).filter(\.$personID == personID).sort(\.$period).all().map {
            .init(
                period: $0.period, amount: Money.yuan($0.amountFen), status: $0.statusValue.chinese,
                detail: "退票账号 \($0.failedCard)：\($0.failure)")
        }
        model.recoveries = try await RecoveryCase.query(on: db).filter(\.$personID == personID).sort(\.$period).all()
            .map {
                .init(
                    period: $0.period, amount: Money.yuan($0.amountFen), status: $0.statusValue.chinese,
                    detail: (IneligibilityReason(rawValue: $0.reason)?.chinese ?? $0.reason)
                        + ($0.notes.isEmpty ? "" : "\n" + $0.notes))
            }
        return model
    }
}
