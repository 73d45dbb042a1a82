/// Amounts of money, always integer fen (分). `Double` never holds money in this system:
/// 0.1 + 0.2 is not 0.3 in binary, and a payment roll must add up to the fen.
public enum Money {
    /// `15000` → `"150.00"`; negative amounts keep their sign.
    public static func yuan(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// `15000` → `"150.00元"`.
    public static func yuanLabel(_ fen: Int64) -> String { yuan(fen) + "元" }

    /// 万元 with two decimals, rounded half up, as the finance bureau's reports print them:
    /// 7,339,060,000 fen → `"7339.06"`.
    public static func wan(_ fen: Int64) -> String {
        let magnitude = fen.magnitude
        // One 万元 is 1,000,000 fen; two decimals are units of 10,000 fen.
        let hundredths = (magnitude + 5_000) / 10_000
        // A negative amount that rounds to nothing prints as 0.00, not -0.00.
        let sign = fen < 0 && hundredths > 0 ? "-" : ""
        let cents = hundredths % 100
        return "\(sign)\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// `123456700` → `"1,234,567.00"`: the amount in 元 with thousands separators, for pages
    /// and printed rolls. Files the bank and the finance bureau read keep `yuan`'s plain form.
    public static func yuanGrouped(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(grouped(magnitude / 100)).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// 万元 with two decimals and thousands separators: 73,390,600,000 fen → `"73,390.60"`.
    public static func wanGrouped(_ fen: Int64) -> String {
        let plain = wan(fen)
        let negative = plain.hasPrefix("-")
        let digits = negative ? plain.dropFirst() : Substring(plain)
        guard let point = digits.firstIndex(of: "."), let whole = UInt64(digits[..<point]) else { return plain }
        return (negative ? "-" : "") + grouped(whole) + String(digits[point...])
    }

    /// `1234567` → `"1,234,567"`: digits in groups of three, for counts and whole amounts.
    public static func grouped(_ value: UInt64) -> String {
        let digits = String(value)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// Parses an amount in 元 as written in a file or a form: `150`, `150.5`, `150.00`, `-3.20`.
    /// Thousands separators, currency words and more than two decimals are errors, not guesses:
    /// a bank file saying `1,500.00` must be looked at by a person.
    public static func parseYuan(_ text: String) throws(MoneyError) -> Int64 {
        let trimmed = text.trimmingIDWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        var bytes = Substring(trimmed).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var seenDigit = false
        for b in bytes {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                if seenPoint {
                    fractionDigits += 1
                    guard fractionDigits <= 2 else { throw .tooManyDecimals(trimmed) }
                    fraction = fraction * 10 + Int64(b - 48)
                } else {
                    guard whole < 1_000_000_000_000 else { throw .tooLarge(trimmed) }
                    whole = whole * 10 + Int64(b - 48)
                }
            case UInt8(ascii: "."):
                guard !seenPoint else { throw .notANumber(trimmed) }
                seenPoint = true
            case UInt8(ascii: ","):
                throw .thousandsSeparator(trimmed)
            default:
                throw .notANumber(trimmed)
            }
        }
        guard seenDigit else { throw .notANumber(trimmed) }
        if fractionDigits == 1 { fraction *= 10 }
        let fen = whole * 100 + fraction
        return negative ? -fen : fen
    }
}

public enum MoneyError: Error, Equatable, Sendable {
    case empty
    case notANumber(String)
    case thousandsSeparator(String)
    case tooManyDecimals(String)
    case tooLarge(String)

    public var message: String {
        switch self {
        case .empty: return "金额为空"
        case .notANumber(let t): return "金额“\(t)”不是数字（只写数字，如 150.00，不要带“元”等文字）"
        case .thousandsSeparator(let t): return "金额“\(t)”含千位分隔符逗号，请写成不带逗号的数字，如 1500.00"
        case .tooManyDecimals(let t): return "金额“\(t)”超过两位小数（最小单位为分）"
        case .tooLarge(let t): return "金额“\(t)”过大"
        }
    }
}
