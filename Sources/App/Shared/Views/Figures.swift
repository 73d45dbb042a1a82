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

    /// A moment on screen to the second, `2022-09-21 10:30:00`, written from the audit log's
    /// timestamp (UTC) so that a page and the log it points at agree.
    static func moment(_ date: Date) -> String {
        String(AuditLog.timestamp(date).prefix(19)).replacingOccurrences(of: "T", with: " ")
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
