#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits CSV bytes into records of field byte ranges, making no Strings.
///
/// The rules are `CSVParser`'s, so that a file reads the same through either: CRLF, LF or lone
/// CR line ends; quoted fields with separators, doubled quotes and line breaks; a quote inside
/// an unquoted field is literal; text after a closing quote is appended; a final line break
/// adds no record, a final separator adds an empty field; an unterminated quote is
/// `malformed_csv` with the same message. Record numbers count blank lines, as Excel shows them.
///
/// A quoted field is unescaped in place: its content is moved down over its opening quote, which
/// always fits since unescaping only removes bytes. So every field, quoted or not, is a plain
/// range of the buffer, and reconciliation can keep ranges instead of copies.
struct CSVFieldScanner {
    /// A field's bytes: `start ..< start + length` in the buffer. 32 bits each: `FileLimits`
    /// keeps files far below 4 GB, and `ReconcileCSVReader` refuses anything larger.
    struct Span: Sendable {
        var start: UInt32
        var length: UInt32
    }

    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let separator = UInt8(ascii: ",")

    private let base: UnsafeMutablePointer<UInt8>
    private let count: Int
    private let fileName: String
    private var position: Int
    private var finished: Bool
    /// Number of the record last returned by `next`.
    private(set) var recordNumber = 0

    /// Scans `buffer` from `start` (past a byte-order mark, say). The buffer is modified where
    /// quoted fields are unescaped.
    init(_ buffer: UnsafeMutableBufferPointer<UInt8>, start: Int, fileName: String) {
        // An empty buffer has no base address; it also has no records, so any pointer will do.
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
        count = buffer.count
        position = start
        finished = start >= buffer.count
        self.fileName = fileName
    }

    /// Fills `fields` with the next record's fields, as (start, length) ranges of the buffer;
    /// false when there are no more records.
    mutating func next(into fields: inout [CSVFieldScanner.Span]) throws(TableIssue) -> Bool {
        guard !finished else { return false }
        fields.removeAll(keepingCapacity: true)
        recordNumber += 1
        let p = base
        let n = count
        var i = position
        while true {
            if i < n && p[i] == CSVFieldScanner.quote {
                let fieldStart = i
                var write = i
                i += 1
                var segment = i
                while true {
                    guard let hit = memchr(p + i, Int32(CSVFieldScanner.quote), n - i) else {
                        throw TableIssue(
                            file: fileName, row: recordNumber, code: "malformed_csv",
                            message: "第 \(recordNumber) 行：引号未闭合（以英文双引号开头的字段缺少结束引号），请检查该行内容。")
                    }
                    let q = UnsafeMutableRawPointer(hit).assumingMemoryBound(to: UInt8.self) - p
                    if q > segment { memmove(p + write, p + segment, q - segment) }
                    write += q - segment
                    if q + 1 < n && p[q + 1] == CSVFieldScanner.quote {
                        p[write] = CSVFieldScanner.quote
                        write += 1
                        i = q + 2
                        segment = i
                    } else {
                        i = q + 1
                        break
                    }
                }
                while i < n {
                    let byte = p[i]
                    if byte == CSVFieldScanner.separator || byte == CSVFieldScanner.lineFeed
                        || byte == CSVFieldScanner.carriageReturn
                    {
                        break
                    }
                    p[write] = byte
                    write += 1
                    i += 1
                }
                fields.append(.init(start: UInt32(fieldStart), length: UInt32(write - fieldStart)))
            } else {
                let start = i
                while i < n {
                    let byte = p[i]
                    // One comparison rules out every ordinary byte: the three stops are all ≤ ','.
                    if byte > CSVFieldScanner.separator {
                        i += 1
                        continue
                    }
                    if byte == CSVFieldScanner.separator || byte == CSVFieldScanner.lineFeed
                        || byte == CSVFieldScanner.carriageReturn
                    {
                        break
                    }
                    i += 1
                }
                fields.append(.init(start: UInt32(start), length: UInt32(i - start)))
            }
            if i >= n {
                finished = true
                return true
            }
            let byte = p[i]
            if byte == CSVFieldScanner.separator {
                i += 1
                if i >= n {
                    fields.append(.init(start: UInt32(i), length: 0))
                    finished = true
                    return true
                }
                continue
            }
            i += (byte == CSVFieldScanner.carriageReturn && i + 1 < n && p[i + 1] == CSVFieldScanner.lineFeed) ? 2 : 1
            position = i
            if i >= n { finished = true }  // final line break: no extra empty record
            return true
        }
    }
}
