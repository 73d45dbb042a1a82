import Foundation
import ResettleCore

/// Turns the stored text of a numeric cell (`<v>`) into what a clerk expects to read.
///
/// - Integers print without `.0`.
/// - Other numbers are rounded to Excel's 15 significant digits and printed with the shortest
///   representation that round-trips (so `0.30000000000000004` reads as `0.3`, as Excel shows it).
/// - Date/time formats give `yyyy-MM-dd` / `HH:mm:ss` (date-times keep only the date).
/// - |value| ≥ 1e15 is flagged *damaged*: Excel keeps only 15 significant digits, so an 18-digit
///   ID or 19-digit card number typed as a number has already lost its last digits and must not
///   be guessed back.
enum XLSXNumberText {
    static let damagedThreshold = 1e15

    static func render(_ raw: [UInt8], kind: XLSXValueKind, date1904: Bool) -> (text: String, damaged: Bool) {
        if kind == .number, let fast = plainInteger(raw) { return (fast, false) }
        let rawString = String(decoding: raw, as: UTF8.self)
        guard let value = Double(rawString.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            return (rawString, false)
        }
        switch kind {
        case .date:
            if value >= 1, value < 2_958_466, let text = dateText(value, date1904: date1904) { return (text, false) }
        case .time:
            if value >= 0, value < 2_958_466 { return (timeText(value), false) }
        case .number:
            break
        }
        return format(value)
    }

    /// Formats a number the way Excel's General format shows it, with the damage flag.
    static func format(_ value: Double) -> (text: String, damaged: Bool) {
        if abs(value) >= damagedThreshold { return (plain(shortest(value)), true) }
        if value == value.rounded() { return (String(Int64(value)), false) }
        return (plain(shortest(roundedTo15Digits(value))), false)
    }

    /// Digits-only text with at most 15 significant digits and no leading zeros: already what
    /// Excel shows, no conversion needed (the common case, kept allocation-light).
    private static func plainInteger(_ raw: [UInt8]) -> String? {
        let count = raw.count
        guard count > 0, count <= 16 else { return nil }
        var start = 0
        if raw[0] == UInt8(ascii: "-") { start = 1 }
        let digits = count - start
        guard digits > 0, digits <= 15 else { return nil }
        if digits > 1 && raw[start] == UInt8(ascii: "0") { return nil }
        for index in start..<count where raw[index] < 48 || raw[index] > 57 { return nil }
        return String(decoding: raw, as: UTF8.self)
    }

    private static func roundedTo15Digits(_ value: Double) -> Double {
        Double(String(format: "%.15g", value)) ?? value
    }

    /// Swift's shortest round-trip description, e.g. "0.1", "1e-05", "4.30582199001011e+17".
    private static func shortest(_ value: Double) -> String { value.description }

    /// Rewrites exponent notation as plain decimal text (Excel shows 0.00001, not 1e-05);
    /// tiny magnitudes below 1e-10 keep an Excel-style exponent ("1.5E-12").
    static func plain(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            // Swift writes integral doubles below 2^53 as "1000000000000000.0".
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        var mantissa = String(text[..<e])
        guard let exponent = Int(text[text.index(after: e)...]) else { return text }
        if exponent < -10 { return mantissa + "E" + (exponent < 0 ? "-" : "+") + String(abs(exponent)) }
        var negative = false
        if mantissa.hasPrefix("-") {
            negative = true
            mantissa.removeFirst()
        }
        var digits = mantissa
        var pointPosition = mantissa.count
        if let dot = mantissa.firstIndex(of: ".") {
            pointPosition = mantissa.distance(from: mantissa.startIndex, to: dot)
            digits.remove(at: dot)
        }
        pointPosition += exponent
        var result: String
        if pointPosition <= 0 {
            result = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            result = digits + String(repeating: "0", count: pointPosition - digits.count)
        } else {
            let index = digits.index(digits.startIndex, offsetBy: pointPosition)
            result = digits[..<index] + "." + digits[index...]
        }
        if result.contains(".") {
            while result.hasSuffix("0") { result.removeLast() }
            if result.hasSuffix(".") { result.removeLast() }
        }
        return negative ? "-" + result : result
    }

    /// `yyyy-MM-dd` for a date serial; the time of day is dropped (rounded to the second first,
    /// so 23:59:59.9996 stored as a float still counts as the next day like Excel shows it).
    static func dateText(_ serial: Double, date1904: Bool) -> String? {
        let seconds = (serial * 86_400).rounded()
        let day = Int((seconds / 86_400).rounded(.down))
        if !date1904 && day == 60 { return "1900-02-29" }  // Excel's fictitious leap day
        return CivilDate.fromSerial(day, date1904: date1904)?.iso
    }

    /// `HH:mm:ss` for the time-of-day part of a serial.
    static func timeText(_ serial: Double) -> String {
        let total = Int((serial * 86_400).rounded()) % 86_400
        let h = total / 3600
        let m = total / 60 % 60
        let s = total % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(h)):\(two(m)):\(two(s))"
    }

    /// True for text such as "4.30582E+17" or "6.22848E+18": what Excel shows for a long ID
    /// typed as a number, copied or exported to CSV. Its digits are gone for good.
    static func isScientificDamage(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count >= 5, utf8.count <= 24, let e = utf8.firstIndex(where: { $0 == 0x45 || $0 == 0x65 }) else {
            return false
        }
        let mantissa = text[..<e]
        guard !mantissa.isEmpty, mantissa.first?.isNumber == true,
            mantissa.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
        else { return false }
        var rest = text[text.index(after: e)...]
        if rest.first == "+" { rest = rest.dropFirst() }
        guard let exponent = Int(rest), let value = Double(text) else { return false }
        return exponent > 0 && abs(value) >= damagedThreshold
    }
}
