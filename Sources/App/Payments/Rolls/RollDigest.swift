import Crypto
import Fluent
import Foundation
import SQLKit

/// SHA-256 over a roll's lines in a canonical form, taken at approval and stored in the roll
/// and in the approval's audit entry (which the audit MAC protects). `audit verify` takes it
/// again: a line changed, added or removed in `payment_roll_lines` after approval shows.
enum RollDigest {
    /// Bumped if the canonical form ever changes, so old digests are not misread.
    static let version = "resettle-roll-lines-v1"

    private struct Line: Decodable {
        let id: Int64
        let seq: Int
        let person_id: UUID
        let id_number: String
        let name: String
        let card_number: String
        let bank_name: String?
        let amount_fen: Int64
        let kind: String
        let for_period: String
        let reissue_case_id: UUID?
    }

    /// Reads the lines in pages in (seq, id) order — the row id breaks ties so that a line
    /// slipped in with a duplicate seq is hashed too, not skipped by the paging.
    static func compute(rollID: UUID, on db: any Database, pageSize: Int = 20_000) async throws -> String {
        let sql = db as! any SQLDatabase
        var hasher = SHA256()
        hasher.update(data: Data((version + "\u{1E}").utf8))
        var after: (seq: Int, id: Int64) = (Int.min, Int64.min)
        while true {
            let lines = try await sql.raw(
                """
                SELECT id, seq, person_id, id_number, name, card_number, bank_name, amount_fen, kind, for_period, reissue_case_id
                FROM payment_roll_lines
                WHERE roll_id = \(bind: rollID) AND (seq > \(bind: after.seq) OR (seq = \(bind: after.seq) AND id > \(bind: after.id)))
                ORDER BY seq, id LIMIT \(unsafeRaw: String(pageSize))
                """
            ).all(decoding: Line.self)
            for line in lines {
                hasher.update(data: Data(canonical(line).utf8))
            }
            guard let last = lines.last, lines.count == pageSize else { break }
            after = (last.seq, last.id)
        }
        return Hex.string(hasher.finalize())
    }

    /// One line: fields split by U+001F, ended by U+001E. An optional value is empty when
    /// absent and "=" + value when present, so a missing bank and an empty one differ.
    private static func canonical(_ l: Line) -> String {
        func optional(_ s: String?) -> String { s.map { "=" + $0 } ?? "" }
        return [
            String(l.seq), l.person_id.uuidString, l.id_number, l.name, l.card_number, optional(l.bank_name),
            String(l.amount_fen),
            l.kind, l.for_period, optional(l.reissue_case_id?.uuidString),
        ].joined(separator: "\u{1F}") + "\u{1E}"
    }
}
