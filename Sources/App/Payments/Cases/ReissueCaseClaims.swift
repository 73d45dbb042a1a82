import Fluent
import Foundation
import SQLKit

/// A re-issue case is paid by at most one roll at a time, and the database says so.
///
/// `reissue_cases.reissue_roll_id` is the claim: a roll takes a case only by a conditional
/// update (`RollGenerator.addReissues`). Beneath it, a partial unique index allows one roll line
/// per case and attempt. The attempt counts how often the case was reopened because its
/// re-issue failed at the bank as well (`ReissueCases.open`): each reopening may be paid once
/// more by a later roll, never twice.
struct ReissueCaseClaims: AsyncMigration {
    static let index = "idx_roll_lines_reissue_case"

    func prepare(on database: any Database) async throws {
        try await database.schema("reissue_cases")
            .field("reissue_attempt", .int, .required, .sql(.default(0)))
            .update()
        try await database.schema("payment_roll_lines")
            .field("reissue_attempt", .int, .required, .sql(.default(0)))
            .update()
        let sql = database as! any SQLDatabase
        // Lines written before this migration: number each case's lines in the order they were
        // written, so that the history fits the index without changing any line's money.
        try await sql.raw(
            """
            UPDATE payment_roll_lines SET reissue_attempt = (
                SELECT COUNT(*) FROM payment_roll_lines AS earlier
                WHERE earlier.reissue_case_id = payment_roll_lines.reissue_case_id AND earlier.id < payment_roll_lines.id)
            WHERE reissue_case_id IS NOT NULL
            """
        ).run()
        // A case's next payment is the attempt after those an approved roll already made.
        try await sql.raw(
            """
            UPDATE reissue_cases SET reissue_attempt = (
                SELECT COUNT(*) FROM payment_roll_lines AS l JOIN payment_rolls AS r ON r.id = l.roll_id
                WHERE l.reissue_case_id = reissue_cases.id AND r.status = 'approved' AND r.id <> reissue_cases.reissue_roll_id)
            WHERE reissue_roll_id IS NOT NULL
            """
        ).run()
        try await sql.raw(
            """
            UPDATE reissue_cases SET reissue_attempt = (
                SELECT COUNT(*) FROM payment_roll_lines AS l JOIN payment_rolls AS r ON r.id = l.roll_id
                WHERE l.reissue_case_id = reissue_cases.id AND r.status = 'approved')
            WHERE reissue_roll_id IS NULL
            """
        ).run()
        try await sql.raw(
            """
            CREATE UNIQUE INDEX \(ident: Self.index) ON payment_roll_lines (reissue_case_id, reissue_attempt)
            WHERE reissue_case_id IS NOT NULL
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX \(ident: Self.index)").run()
        try await database.schema("payment_roll_lines").deleteField("reissue_attempt").update()
        try await database.schema("reissue_cases").deleteField("reissue_attempt").update()
    }
}

extension ReissueCaseClaims {
    /// Releases the open cases a draft roll claimed, so the next roll generated takes them: on
    /// regenerating the draft (which takes them again) and on discarding it. Cases an approved
    /// roll paid are no longer open and stay with it.
    static func release(rollID: UUID, on sql: any SQLDatabase) async throws {
        try await sql.update(ReissueCase.schema).set("reissue_roll_id", to: SQLLiteral.null)
            .where("reissue_roll_id", .equal, SQLBind(rollID))
            .where("status", .equal, SQLBind(ReissueCase.Status.open.rawValue))
            .run()
    }
}
