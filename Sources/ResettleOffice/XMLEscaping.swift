import Foundation

/// Escaping for the XML the writers produce.
enum XMLEscaping {
    /// Appends `text` as XML character data / attribute value. Control characters that XML 1.0
    /// cannot carry (U+0000–U+001F except tab, LF, CR) are dropped instead of making the whole
    /// file unreadable; CR is written as a character reference so it survives parsing.
    @inline(__always)
    static func append(_ text: String, to output: inout [UInt8]) {
        var needsWork = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 {
            needsWork = true
            break
        }
        guard needsWork else {
            output.append(contentsOf: text.utf8)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x26: output.append(contentsOf: "&amp;".utf8)
            case 0x3C: output.append(contentsOf: "&lt;".utf8)
            case 0x3E: output.append(contentsOf: "&gt;".utf8)
            case 0x22: output.append(contentsOf: "&quot;".utf8)
            case 0x0D: output.append(contentsOf: "&#13;".utf8)
            case 0x09, 0x0A: output.append(byte)
            case 0x00..<0x20: continue
            default: output.append(byte)
            }
        }
    }

    static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `xml:space="preserve"` is needed to keep leading/trailing whitespace.
    static func needsPreserve(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace
    }
}
