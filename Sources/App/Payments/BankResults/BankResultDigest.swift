import Crypto
import Foundation
import ResettleCore

/// The SHA-256 of what a bank result file says, not of its bytes: the same rows re-saved with
/// CRLF line ends, in GBK instead of UTF-8, with a BOM, or as XLSX instead of CSV give the same
/// digest, so the same result cannot be imported twice by saving it again.
///
/// Each row contributes, in file order, the resident ID normalised as every comparison does
/// (`ResidentID.comparisonKey`), the name and the card without any blank, the amount in fen and
/// the status trimmed. Failure reasons and trade dates are left out: a bank's second copy of
/// the same payments is the same result whatever they say.
struct BankResultDigest {
    private var hasher = SHA256()

    mutating func add(idNumber: String, name: String, card: String, amountFen: Int64, status: String) {
        // Unit and record separators cannot occur in any field once blanks and controls are gone.
        var text =
            ResidentID.comparisonKey(idNumber) + "\u{1F}" + Self.withoutBlanks(name) + "\u{1F}"
            + Self.withoutBlanks(card)
            + "\u{1F}" + String(amountFen) + "\u{1F}" + status.trimmingIDWhitespace() + "\u{1E}"
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    func finish() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func of(_ records: some Sequence<PaidRecord>) -> String {
        var digest = BankResultDigest()
        for r in records {
            digest.add(idNumber: r.idNumber, name: r.name, card: r.card, amountFen: r.amountFen, status: r.status)
        }
        return digest.finish()
    }

    /// Every white space (ASCII, the full-width U+3000, no-break spaces), control character and
    /// byte-order mark removed, inside as well as around: what the reconciler ignores too.
    static func withoutBlanks(_ text: String) -> String {
        // A byte scan first: a blank's UTF-8 form starts with an ASCII control or space, or one of
        // these lead bytes (U+0085/U+00A0, U+1680, U+2000…U+205F, U+3000, U+FEFF). Chinese names
        // (U+4E00 on) never do, so nearly every field is returned untouched.
        guard
            text.utf8.contains(where: {
                $0 <= 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE1 || $0 == 0xE2 || $0 == 0xE3 || $0 == 0xEF
            })
        else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isBlank(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .control || scalar == "\u{FEFF}"
    }
}
