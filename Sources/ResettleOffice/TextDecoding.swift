import Foundation

/// Text encodings met in CSV files in Chinese offices.
public enum TextEncoding: String, Sendable {
    case utf8, utf8BOM, utf16LE, utf16BE, gb18030
}

/// Detects the encoding of a text file from its bytes and converts it to UTF-8.
///
/// Order: a BOM decides (UTF-8, UTF-16 LE/BE, GB18030's own BOM); otherwise bytes that are valid
/// UTF-8 are UTF-8 (GB18030 text is almost never valid UTF-8 by accident); otherwise bytes that
/// are valid GB18030 are GB18030 (what Excel's "CSV" and bank systems write on Chinese Windows);
/// otherwise the file is refused with `unknown_encoding` instead of being guessed.
public enum TextDecoding {
    /// Decodes `data` to a String and reports the encoding found.
    public static func decode(_ data: Data, fileName: String = "") throws(TableIssue) -> (String, TextEncoding) {
        let (bytes, encoding) = try utf8Bytes(data, fileName: fileName)
        return (String(decoding: bytes, as: UTF8.self), encoding)
    }

    /// UTF-8 bytes of `data` (BOM removed) and the encoding found.
    static func utf8Bytes(_ data: Data, fileName: String) throws(TableIssue) -> ([UInt8], TextEncoding) {
        let result: ([UInt8], TextEncoding)? = data.withUnsafeBytes { raw in
            let count = raw.count
            if count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF {
                let body = UnsafeRawBufferPointer(rebasing: raw[3...])
                return isValidUTF8(body) ? (Array(body), .utf8BOM) : nil
            }
            if count >= 2, raw[0] == 0xFF, raw[1] == 0xFE {
                return utf16(UnsafeRawBufferPointer(rebasing: raw[2...]), bigEndian: false).map { ($0, .utf16LE) }
            }
            if count >= 2, raw[0] == 0xFE, raw[1] == 0xFF {
                return utf16(UnsafeRawBufferPointer(rebasing: raw[2...]), bigEndian: true).map { ($0, .utf16BE) }
            }
            if count >= 4, raw[0] == 0x84, raw[1] == 0x31, raw[2] == 0x95, raw[3] == 0x33 {
                return GB18030.toUTF8(UnsafeRawBufferPointer(rebasing: raw[4...])).map { ($0, .gb18030) }
            }
            if isValidUTF8(raw) { return (Array(raw), .utf8) }
            return GB18030.toUTF8(raw).map { ($0, .gb18030) }
        }
        guard let result else {
            throw TableIssue(
                file: fileName, code: "unknown_encoding",
                message:
                    "无法识别文件的文字编码（既不是 UTF-8/UTF-16，也不是 GBK/GB18030），文件可能不是文本表格或已损坏；请在 Excel/WPS 中另存为 CSV（UTF-8）后再导入。")
        }
        return result
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF), with an
    /// 8-bytes-at-a-time ASCII fast path since most CSV content is digits and commas.
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        while i < count {
            if i + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED:
                length = 3
                upper = 0x9F
            case 0xF0:
                length = 4
                lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                upper = 0x8F
            default: return false
            }
            guard i + length <= count else { return false }
            let second = bytes[i + 1]
            guard second >= lower && second <= upper else { return false }
            for k in 2..<max(length, 2) where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    /// Strict UTF-16 → UTF-8 (unpaired surrogates or an odd byte count are invalid).
    private static func utf16(_ bytes: UnsafeRawBufferPointer, bigEndian: Bool) -> [UInt8]? {
        guard bytes.count % 2 == 0 else { return nil }
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i < bytes.count {
            let a = UInt16(bytes[i])
            let b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        var output = [UInt8]()
        output.reserveCapacity(units.count * 2)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) {
            output.append($0)
        }
        return failed ? nil : output
    }
}
