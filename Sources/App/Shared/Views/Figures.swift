import Foundation
import ResettleCore

/// How figures are written on pages: the one place for counts, amounts and periods on screen.
/// Files for the bank and the finance bureau do not use it; they keep `Money.yuan`'s plain form.
enum Figures {
    /// `12345` → `"12,345"`.
    static func count(_ n: Int) -> String {
        n < 0 ? "-" + Money.grouped(UInt64(n.magnitude)) : Money.grouped(UInt64(n))
    }

    /// `123456700` fen → `"1,234,567.00"` (元).
    static func yuan(_ fen: Int64) -> String { Money.yuanGrouped(fen) }

    /// `123456700` fen → `"123.46"` (万元, two decimals), for summaries.
    static func wan(_ fen: Int64) -> String { Money.wanGrouped(fen) }

    /// `123456700` fen → `"1,234,567.00元（123.46万元）"`, for a summary line.
    static func yuanWithWan(_ fen: Int64) -> String { "\(yuan(fen))元（\(wan(fen))万元）" }

    /// A period on screen: `2022Q3` → `"2022年第3季度"`; a label that is not a period as it is.
    static func period(_ label: String) -> String { PaymentPeriod(label: label)?.chinese ?? label }

    /// A moment on screen to the second in the office's time (Beijing, UTC+8, no daylight
    /// saving): `2022-09-21 18:30:00`. The audit log stores UTC; staff read the clock on the wall.
    static func moment(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let inDay = seconds - days * 86400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return CivilDate(dayNumber: days).iso + " \(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))"
    }

    /// An audit timestamp (`2022-09-21T10:30:00.000Z`) in Beijing time, or as stored if unreadable.
    static func moment(auditTimestamp at: String) -> String {
        AuditLog.date(at).map(moment) ?? at
    }

    /// `moment` to the minute: `2022-10-08 09:30`.
    static func minute(_ date: Date) -> String { String(moment(date).prefix(16)) }

    /// A share in percent with one decimal, rounded half up: (3, 40) → `"7.5%"`.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0.0%" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
