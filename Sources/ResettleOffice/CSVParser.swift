import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// RFC 4180 parsing over UTF-8 bytes.
///
/// Works on bytes rather than Characters (Character iteration is an order of magnitude slower
/// and a million-row bank file must parse in about a second). Accepts CRLF, LF or lone CR line
/// ends, quoted fields with separators, doubled quotes and line breaks, and an optional final
/// newline. Lenient where Excel is lenient: a quote inside an unquoted field is literal, and
/// text after a closing quote is appended. An unterminated quoted field is an error, since
/// Excel would silently swallow the rest of the file into one cell.
enum CSVParser {
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// Calls `onRecord(recordNumber, fields)` for every record; record numbers start at 1 and
    /// count blank lines, matching the row numbers Excel shows when it opens the file.
    static func parse(
        _ p: UnsafeRawBufferPointer, separator: UInt8 = UInt8(ascii: ","), fileName: String,
        onRecord: (Int, [String]) throws(TableIssue) -> Void
    ) throws(TableIssue) {
        let n = p.count
        guard n > 0, let base = p.baseAddress else { return }
        var fields: [String] = []
        fields.reserveCapacity(32)
        var scratch: [UInt8] = []
        var record = 1
        var i = 0
        while true {
            if i < n && p[i] == quote {
                i += 1
                scratch.removeAll(keepingCapacity: true)
                var segment = i
                while true {
                    guard let hit = memchr(base + i, Int32(quote), n - i) else {
                        throw TableIssue(
                            file: fileName, row: record, code: "malformed_csv",
                            message: "第 \(record) 行：引号未闭合（以英文双引号开头的字段缺少结束引号），请检查该行内容。")
                    }
                    let q = UnsafeRawPointer(hit) - base
                    scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[segment..<q]))
                    if q + 1 < n && p[q + 1] == quote {
                        scratch.append(quote)
                        i = q + 2
                        segment = i
                    } else {
                        i = q + 1
                        break
                    }
                }
                while i < n {
                    let byte = p[i]
                    if byte == separator || byte == lineFeed || byte == carriageReturn { break }
                    scratch.append(byte)
                    i += 1
                }
                fields.append(String(decoding: scratch, as: UTF8.self))
            } else {
                let start = i
                while i < n {
                    let byte = p[i]
                    if byte == separator || byte == lineFeed || byte == carriageReturn { break }
                    i += 1
                }
                fields.append(
                    start == i ? "" : String(decoding: UnsafeRawBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
            }
            if i >= n {
                try onRecord(record, fields)
                return
            }
            let byte = p[i]
            if byte == separator {
                i += 1
                if i >= n {
                    fields.append("")
                    try onRecord(record, fields)
                    return
                }
                continue
            }
            i += (byte == carriageReturn && i + 1 < n && p[i + 1] == lineFeed) ? 2 : 1
            try onRecord(record, fields)
            fields.removeAll(keepingCapacity: true)
            record += 1
            if i >= n { return }  // final line break: no extra empty record
        }
    }
}
