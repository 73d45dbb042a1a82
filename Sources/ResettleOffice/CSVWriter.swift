import Foundation
import ResettleCore

/// Writes CSV files that Excel and WPS in China open correctly.
///
/// Default is UTF-8 with a BOM: without the BOM, Excel on Chinese Windows reads the file as GBK
/// and shows mojibake. `.gb18030` is for bank and legacy systems that require "ANSI" files.
/// Fields are quoted only when needed (separator, quote, line break, or leading/trailing
/// spaces); lines end with CRLF as RFC 4180 specifies. A text cell that a spreadsheet would run
/// as a formula (`=`, `+`, `-`, `@`, tab or CR first) is written with a leading `'`, here for
/// every CSV the system writes (`CSVFormulaGuard`; plain numbers such as `-150.00` stay numbers).
///
/// Note: Excel still turns long digit strings (IDs, card numbers) in a CSV into rounded numbers
/// when it opens the file; export such lists as XLSX (`XLSXWriter`) where they are text cells.
public enum CSVWriter {
    /// Encoded file content. `.utf8` writes no BOM; `.utf16LE`/`.utf16BE` write one.
    public static func data(rows: [[String]], encoding: TextEncoding = .utf8BOM) -> Data {
        let text = self.text(rows: rows)
        switch encoding {
        case .utf8:
            return Data(text.utf8)
        case .utf8BOM:
            return Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        case .gb18030:
            return Data(GB18030.fromUTF8(text))
        case .utf16LE, .utf16BE:
            var bytes: [UInt8] = encoding == .utf16LE ? [0xFF, 0xFE] : [0xFE, 0xFF]
            for unit in text.utf16 {
                let high = UInt8(unit >> 8)
                let low = UInt8(unit & 0xFF)
                bytes += encoding == .utf16LE ? [low, high] : [high, low]
            }
            return Data(bytes)
        }
    }

    /// The CSV text (no BOM).
    public static func text(rows: [[String]]) -> String {
        var output = ""
        output.reserveCapacity(rows.count * 64)
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { output.append(",") }
                output.append(escape(field))
            }
            output.append("\r\n")
        }
        return output
    }

    static func escape(_ cell: String) -> String {
        let field = CSVFormulaGuard.neutralized(cell)
        let needsQuotes =
            field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
