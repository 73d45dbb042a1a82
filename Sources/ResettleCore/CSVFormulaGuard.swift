/// Spreadsheet formula injection (CWE-1236): Excel and WPS run a CSV cell that begins with `=`,
/// `+`, `-` or `@` as a formula, and a tab or carriage return in front does not stop them. A
/// name such as `=HYPERLINK(…)` typed into the register would otherwise run on the clerk's
/// machine that opens the one-card file. Every CSV the system writes passes its cells through
/// `neutralized`: such a cell gets a leading `'` (OWASP's advice), which the spreadsheet shows
/// as text and does not display.
///
/// The writers take text cells, so a number is recognised by its form: a cell that is a plain
/// decimal number (`-150.00`, `+86`, `42`) is left alone, because a spreadsheet reads it as that
/// number and never as a formula, and amounts must stay numbers. Anything else with such a
/// first character (`-1+1`, `+A1`, `-`) is neutralised.
public enum CSVFormulaGuard {
    public static func neutralized(_ field: String) -> String {
        guard let first = field.utf8.first, isTrigger(first) else { return field }
        if (first == UInt8(ascii: "-") || first == UInt8(ascii: "+")) && isPlainNumber(field.utf8.dropFirst()) {
            return field
        }
        return "'" + field
    }

    /// The cell as it was before `neutralized`, for files that come back to us: a bank that reads
    /// the one-card CSV as plain text returns a name such as `=1+1` with our apostrophe in front,
    /// and the reconciliation must not call that a different name.
    public static func restored(_ field: String) -> String {
        let bytes = field.utf8
        guard bytes.first == UInt8(ascii: "'"), let second = bytes.dropFirst().first, isTrigger(second) else {
            return field
        }
        let rest = String(field.dropFirst())
        return neutralized(rest) == field ? rest : field
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    @inline(__always)
    static func isTrigger(_ byte: UInt8) -> Bool {
        byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
    }

    /// Digits, optionally followed by `.` and more digits: what follows the sign of a plain number.
    static func isPlainNumber(_ rest: Substring.UTF8View) -> Bool {
        var digitsBefore = 0
        var digitsAfter = 0
        var sawPoint = false
        for byte in rest {
            if byte >= 0x30 && byte <= 0x39 {
                if sawPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                return false
            }
        }
        return digitsBefore > 0 && (!sawPoint || digitsAfter > 0)
    }
}
