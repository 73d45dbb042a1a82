/// How names, card numbers and statuses are made comparable. Files typed by hand carry stray
/// blanks: ASCII spaces, tabs, the full-width space U+3000 from Chinese input methods, the
/// no-break space U+00A0 that spreadsheets export and the byte-order mark U+FEFF.
enum ReconciliationText {
    /// Removes every blank, inside as well as around. Chinese names never contain a meaningful
    /// space (张 三 is 张三), and card numbers are often printed in groups of four; removing
    /// inner blanks too means neither produces a false mismatch. Returns `text` itself, without
    /// copying, in the common case where there is nothing to remove.
    static func compact(_ text: String) -> String {
        guard mayContainBlank(text) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isBlank(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    /// Marks a card that `packedCard` cannot represent.
    static let unpackableCard = UInt64.max

    /// A card number of 1 to 19 ASCII digits as one integer, exactly: strings of length L are
    /// numbered from (10 + 100 + … + 10^(L-1)) on, so "0123" and "123" differ and the largest,
    /// 19 nines, is about 1.1×10¹⁹, inside UInt64. Anything else is `unpackableCard`, for the
    /// caller to compare as text. Lets the reconciler compare cards without touching their text.
    static func packedCard(_ card: String) -> UInt64 {
        var value: UInt64 = 0
        var base: UInt64 = 0
        var power: UInt64 = 1
        var length = 0
        for byte in card.utf8 {
            let digit = byte &- 48
            guard digit <= 9, length < 19 else { return unpackableCard }
            value = value &* 10 &+ UInt64(digit)
            if length > 0 { base &+= power }
            power &*= 10
            length += 1
        }
        return length == 0 ? unpackableCard : base &+ value
    }

    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// A byte scan for the first byte of any blank's UTF-8 form: ASCII controls and space, 0xC2
    /// (U+00A0), 0xE3 (U+3000), 0xEF (U+FEFF). False means certainly no blank; true means look.
    @inline(__always)
    static func mayContainBlank(_ text: String) -> Bool {
        for byte in text.utf8 where byte <= 0x20 || byte == 0xC2 || byte == 0xE3 || byte == 0xEF {
            return true
        }
        return false
    }
}

/// Which bank status texts mean the money reached the account.
///
/// Banks write success in many ways; the rule accepts a fixed list of words and nothing else,
/// compared after trimming and ASCII case folding. The default list is 成功, 已成功, 支付成功,
/// 交易成功, 发放成功, 入账成功, 代发成功, success, succeeded, successful. Numeric codes (`0`, `1`,
/// `00`, `0000`) are deliberately *not* accepted: one bank's `1` is success and another's is
/// failure, so a numeric status is reported as `payment_failed` with its text and a person
/// decides. An office whose bank does use a code adds it to the list explicitly.
public struct PaymentStatusRule: Hashable, Sendable {
    public let successWords: Set<String>

    public static let defaultSuccessWords: Set<String> = [
        "成功", "已成功", "支付成功", "交易成功", "发放成功", "入账成功", "代发成功", "success", "succeeded", "successful",
    ]

    public static let standard = PaymentStatusRule(successWords: defaultSuccessWords)

    public init(successWords: Set<String>) {
        self.successWords = Set(successWords.map(PaymentStatusRule.fold))
    }

    public func isSuccess(_ status: String) -> Bool {
        // The overwhelming majority of rows say exactly 成功; skip the folding for them.
        if status == "成功" { return successWords.contains("成功") }
        return successWords.contains(PaymentStatusRule.fold(status))
    }

    /// Trims blanks and lower-cases ASCII letters (Chinese has no case; full-width letters are
    /// left alone so that they cannot be mistaken for a word typed properly).
    static func fold(_ text: String) -> String {
        let trimmed = text.trimmingIDWhitespace()
        guard trimmed.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return trimmed }
        return String(decoding: trimmed.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
