import Foundation

/// How a cell's number format says its number must be shown.
enum XLSXValueKind: Sendable, Equatable {
    case number
    case date
    case time
}

/// Classification of Excel number formats, so that date serials come out as `yyyy-MM-dd`.
enum XLSXCellFormat {
    /// Built-in format ids whose codes are not stored in styles.xml. 14–17 and 22 are dates;
    /// 18–21 and 45–47 are times (mm:ss etc.). 27–36 and 50–58 are the East-Asian locale
    /// formats Excel/WPS write for zh-CN (e.g. 31 = yyyy"年"m"月"d"日", 32 = h"时"mm"分").
    static func builtinKind(_ id: Int) -> XLSXValueKind {
        switch id {
        case 14...17, 22, 27...31, 36, 50...54, 57, 58: return .date
        case 18...21, 32...35, 45...47, 55, 56: return .time
        default: return .number
        }
    }

    /// Kind of a custom format code: a date if it has y or d (or m without h/s, as in "mmm"),
    /// a time if only h/m/s; literal text in quotes, escaped characters, [color]/[$-locale]
    /// sections, `_x` spacers and `*x` fills are ignored.
    static func customKind(_ code: String) -> XLSXValueKind {
        let lowered = code.lowercased()
        if lowered == "general" || lowered == "@" { return .number }
        var hasDate = false
        var hasMonthOrMinute = false
        var hasTime = false
        var iterator = lowered.unicodeScalars.makeIterator()
        var section = 0
        while let scalar = iterator.next() {
            switch scalar {
            case "\"":
                while let inner = iterator.next(), inner != "\"" {}
            case "\\", "_", "*":
                _ = iterator.next()
            case "[":
                var content = ""
                while let inner = iterator.next(), inner != "]" { content.unicodeScalars.append(inner) }
                // [h], [mm], [ss]: elapsed time.
                if !content.isEmpty && content.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { hasTime = true }
            case ";":
                // Only the first (positive-number) section decides.
                section += 1
                if section > 0 { return kind(hasDate, hasMonthOrMinute, hasTime) }
            case "y", "d":
                hasDate = true
            case "m":
                hasMonthOrMinute = true
            case "h", "s":
                hasTime = true
            default:
                break
            }
        }
        return kind(hasDate, hasMonthOrMinute, hasTime)
    }

    private static func kind(_ hasDate: Bool, _ hasMonthOrMinute: Bool, _ hasTime: Bool) -> XLSXValueKind {
        if hasDate || (hasMonthOrMinute && !hasTime) { return .date }
        if hasTime { return .time }
        return .number
    }
}
