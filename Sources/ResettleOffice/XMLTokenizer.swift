import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An element name as it appears in a tag, without its namespace prefix. Valid only during the
/// handler call that receives it (it points into the tokenizer's buffer).
struct XMLName {
    let bytes: UnsafeRawBufferPointer

    @inline(__always)
    func `is`(_ name: StaticString) -> Bool {
        bytes.count == name.utf8CodeUnitCount && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
    }
}

/// The attribute text of a start tag, parsed on demand: OOXML handlers only ask for one to three
/// attributes per element, so building a dictionary per element would be wasted work.
struct XMLAttributes {
    let raw: UnsafeRawBufferPointer

    /// Raw (still entity-encoded) value of the attribute whose local name is `name`.
    func value(_ name: StaticString) -> UnsafeRawBufferPointer? {
        let count = raw.count
        var i = 0
        while i < count {
            while i < count && isXMLSpace(raw[i]) { i += 1 }
            let nameStart = i
            var localStart = i
            while i < count && raw[i] != UInt8(ascii: "=") && !isXMLSpace(raw[i]) {
                if raw[i] == UInt8(ascii: ":") { localStart = i + 1 }
                i += 1
            }
            let nameEnd = i
            while i < count && isXMLSpace(raw[i]) { i += 1 }
            guard i < count, raw[i] == UInt8(ascii: "="), nameEnd > nameStart else { return nil }
            i += 1
            while i < count && isXMLSpace(raw[i]) { i += 1 }
            guard i < count, raw[i] == UInt8(ascii: "\"") || raw[i] == UInt8(ascii: "'") else { return nil }
            let quote = raw[i]
            i += 1
            let valueStart = i
            while i < count && raw[i] != quote { i += 1 }
            guard i < count else { return nil }
            let localLength = nameEnd - localStart
            if localLength == name.utf8CodeUnitCount,
                memcmp(raw.baseAddress! + localStart, name.utf8Start, localLength) == 0
            {
                return UnsafeRawBufferPointer(rebasing: raw[valueStart..<i])
            }
            i += 1
        }
        return nil
    }

    /// Decoded value as a String; nil when absent or when it holds an undefined entity.
    func string(_ name: StaticString) -> String? {
        guard let value = value(name) else { return nil }
        var bytes: [UInt8] = []
        guard XMLText.appendDecoded(value, to: &bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decimal integer value (no entities are possible in digits).
    func int(_ name: StaticString) -> Int? {
        guard let value = value(name), !value.isEmpty, value.count <= 18 else { return nil }
        var result = 0
        var negative = false
        for (index, byte) in value.enumerated() {
            if index == 0 && byte == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard byte >= 48 && byte <= 57 else { return nil }
            result = result * 10 + Int(byte - 48)
        }
        return negative ? -result : result
    }
}

/// Receives the events of `XMLTokenizer`. Self-closing tags produce `start` then `end`.
protocol XMLHandler {
    mutating func start(_ name: XMLName, _ attributes: XMLAttributes) throws(TableIssue)
    mutating func end(_ name: XMLName) throws(TableIssue)
    /// Raw character data between tags (entities still encoded unless `isCDATA`).
    mutating func text(_ raw: UnsafeRawBufferPointer, isCDATA: Bool) throws(TableIssue)
}

@inline(__always)
func isXMLSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}

/// A streaming, non-validating XML tokenizer over UTF-8 bytes, fed in chunks (e.g. as a ZIP entry
/// inflates), so memory stays bounded by the largest single token.
///
/// Why not FoundationXML's `XMLParser`: it pulls from a stream rather than accepting pushed
/// chunks, and it turns every element name and attribute set into Strings and dictionaries,
/// which is several times slower on million-cell sheets. Security: any `<!DOCTYPE`/`<!ENTITY`
/// is rejected outright, so entity expansion can never happen; only the five predefined
/// entities and character references are decoded. Well-formedness is checked for tag nesting,
/// a single root element and truncation.
struct XMLTokenizer {
    let file: String
    let part: String
    /// Largest single token (tag or text run) accepted; a cell holds at most 32,767 characters.
    static let maxTokenBytes = 16 << 20
    static let maxDepth = 256

    private var buffer: [UInt8] = []
    private var stack: [UInt64] = []
    private var sawRoot = false

    init(file: String, part: String) {
        self.file = file
        self.part = part
        stack.reserveCapacity(16)
    }

    mutating func feed<H: XMLHandler>(_ chunk: UnsafeRawBufferPointer, _ handler: inout H) throws(TableIssue) {
        if buffer.isEmpty {
            // Common case: parse straight from the chunk, keep only an incomplete tail.
            let consumed = try parse(chunk, final: false, &handler)
            if consumed < chunk.count { buffer.append(contentsOf: chunk[consumed...]) }
        } else {
            buffer.append(contentsOf: chunk)
            let snapshot = buffer
            let consumed = try typed(TableIssue.self) {
                try snapshot.withUnsafeBytes { raw in try parse(raw, final: false, &handler) }
            }
            buffer.removeFirst(consumed)
        }
        if buffer.count > Self.maxTokenBytes { throw malformed("单个节点超过 16 MB") }
    }

    mutating func finish<H: XMLHandler>(_ handler: inout H) throws(TableIssue) {
        let snapshot = buffer
        let consumed = try typed(TableIssue.self) {
            try snapshot.withUnsafeBytes { raw in try parse(raw, final: true, &handler) }
        }
        buffer.removeAll()
        guard consumed == snapshot.count, stack.isEmpty, sawRoot else {
            throw malformed("内容不完整或标签未闭合")
        }
    }

    /// Convenience for parts held in memory.
    mutating func parseAll<H: XMLHandler>(_ bytes: [UInt8], _ handler: inout H) throws(TableIssue) {
        try typed(TableIssue.self) { try bytes.withUnsafeBytes { raw in try feed(raw, &handler) } }
        try finish(&handler)
    }

    func malformed(_ detail: String) -> TableIssue {
        TableIssue.malformedXML(file, part: part, detail: detail)
    }

    /// Parses complete tokens of `p`; returns how many bytes were consumed.
    private mutating func parse<H: XMLHandler>(_ p: UnsafeRawBufferPointer, final: Bool, _ handler: inout H)
        throws(TableIssue) -> Int
    {
        let n = p.count
        guard n > 0 else { return 0 }
        let base = p.baseAddress!
        var i = 0
        while i < n {
            if p[i] != UInt8(ascii: "<") {
                let found = memchr(base + i, Int32(UInt8(ascii: "<")), n - i)
                let end = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? n
                if found == nil && !final { break }
                try emitText(UnsafeRawBufferPointer(rebasing: p[i..<end]), isCDATA: false, &handler)
                i = end
                continue
            }
            guard i + 1 < n else { break }
            let next = p[i + 1]
            if next == UInt8(ascii: "/") {
                guard let gt = find(UInt8(ascii: ">"), in: p, from: i + 2) else { break }
                var nameEnd = gt
                while nameEnd > i + 2 && isXMLSpace(p[nameEnd - 1]) { nameEnd -= 1 }
                let qualified = UnsafeRawBufferPointer(rebasing: p[(i + 2)..<nameEnd])
                guard let top = stack.popLast(), top == hash(qualified) else {
                    throw malformed("结束标签 </\(String(decoding: qualified, as: UTF8.self))> 与开始标签不匹配")
                }
                try handler.end(XMLName(bytes: localName(qualified)))
                i = gt + 1
            } else if next == UInt8(ascii: "?") {
                guard let end = find("?>", in: p, from: i + 2) else { break }
                i = end + 2
            } else if next == UInt8(ascii: "!") {
                if hasPrefix("<!--", p, at: i) {
                    guard let end = find("-->", in: p, from: i + 4) else { break }
                    i = end + 3
                } else if hasPrefix("<![CDATA[", p, at: i) {
                    guard let end = find("]]>", in: p, from: i + 9) else { break }
                    guard !stack.isEmpty else { throw malformed("根元素之外出现 CDATA") }
                    try handler.text(UnsafeRawBufferPointer(rebasing: p[(i + 9)..<end]), isCDATA: true)
                    i = end + 3
                } else if n - i < 9 && !final && (isPrefixOf("<!--", p, at: i) || isPrefixOf("<![CDATA[", p, at: i)) {
                    break  // need more bytes to tell
                } else {
                    // <!DOCTYPE, <!ENTITY, ...: refused so that no entity can ever be expanded.
                    throw TableIssue(
                        file: file, code: "xml_dtd_forbidden",
                        message: "文件内部的 XML 部件 \(part) 含有 DOCTYPE/ENTITY 声明（可能是实体膨胀攻击），已拒绝读取。")
                }
            } else {
                guard let gt = try findTagEnd(p, from: i + 1) else { break }
                let selfClosing = p[gt - 1] == UInt8(ascii: "/")
                let tagEnd = selfClosing ? gt - 1 : gt
                var nameEnd = i + 1
                while nameEnd < tagEnd && !isXMLSpace(p[nameEnd]) { nameEnd += 1 }
                guard nameEnd > i + 1, isNameStart(p[i + 1]) else { throw malformed("标签名称无效") }
                let qualified = UnsafeRawBufferPointer(rebasing: p[(i + 1)..<nameEnd])
                if stack.isEmpty {
                    guard !sawRoot else { throw malformed("存在多个根元素") }
                    sawRoot = true
                }
                guard stack.count < Self.maxDepth else { throw malformed("元素嵌套过深") }
                let name = XMLName(bytes: localName(qualified))
                let attributes = XMLAttributes(raw: UnsafeRawBufferPointer(rebasing: p[nameEnd..<tagEnd]))
                if selfClosing {
                    try handler.start(name, attributes)
                    try handler.end(name)
                } else {
                    stack.append(hash(qualified))
                    try handler.start(name, attributes)
                }
                i = gt + 1
            }
        }
        return i
    }

    private mutating func emitText<H: XMLHandler>(_ raw: UnsafeRawBufferPointer, isCDATA: Bool, _ handler: inout H)
        throws(TableIssue)
    {
        if stack.isEmpty {
            // Only whitespace may stand outside the root element.
            for byte in raw where !isXMLSpace(byte) { throw malformed("根元素之外出现文本") }
            return
        }
        try handler.text(raw, isCDATA: isCDATA)
    }

    @inline(__always)
    private func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x3A || byte >= 0x80
    }

    @inline(__always)
    private func localName(_ qualified: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if let colon = qualified.lastIndex(of: UInt8(ascii: ":")) {
            return UnsafeRawBufferPointer(rebasing: qualified[(colon + 1)...])
        }
        return qualified
    }

    @inline(__always)
    private func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h ^ UInt64(bytes.count)
    }

    private func find(_ byte: UInt8, in p: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < p.count, let found = memchr(p.baseAddress! + start, Int32(byte), p.count - start) else {
            return nil
        }
        return UnsafeRawPointer(found) - p.baseAddress!
    }

    private func find(_ pattern: StaticString, in p: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let first = pattern.utf8Start.pointee
        var i = start
        while let hit = find(first, in: p, from: i) {
            if hit + pattern.utf8CodeUnitCount > p.count { return nil }
            if memcmp(p.baseAddress! + hit, pattern.utf8Start, pattern.utf8CodeUnitCount) == 0 { return hit }
            i = hit + 1
        }
        return nil
    }

    /// The `>` closing a start tag, skipping quoted attribute values (which may contain `>`).
    private func findTagEnd(_ p: UnsafeRawBufferPointer, from start: Int) throws(TableIssue) -> Int? {
        var i = start
        var quote: UInt8 = 0
        while i < p.count {
            let byte = p[i]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return i
            } else if byte == UInt8(ascii: "<") {
                throw malformed("标签内出现“<”")
            }
            i += 1
        }
        return nil
    }

    private func hasPrefix(_ prefix: StaticString, _ p: UnsafeRawBufferPointer, at i: Int) -> Bool {
        i + prefix.utf8CodeUnitCount <= p.count
            && memcmp(p.baseAddress! + i, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
    }

    /// True when the available bytes at `i` are a (possibly incomplete) start of `prefix`.
    private func isPrefixOf(_ prefix: StaticString, _ p: UnsafeRawBufferPointer, at i: Int) -> Bool {
        let available = min(p.count - i, prefix.utf8CodeUnitCount)
        return memcmp(p.baseAddress! + i, prefix.utf8Start, available) == 0
    }
}

/// Decoding of XML character data.
enum XMLText {
    /// Appends `raw` to `output`, decoding the five predefined entities and character references.
    /// Returns false for an unknown entity or an invalid reference (the caller reports it).
    @inline(__always)
    static func appendDecoded(_ raw: UnsafeRawBufferPointer, to output: inout [UInt8]) -> Bool {
        guard let base = raw.baseAddress, raw.count > 0 else { return true }
        guard memchr(base, Int32(UInt8(ascii: "&")), raw.count) != nil else {
            output.append(contentsOf: raw)
            return true
        }
        return appendDecodedSlow(raw, to: &output)
    }

    private static func appendDecodedSlow(_ raw: UnsafeRawBufferPointer, to output: inout [UInt8]) -> Bool {
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                i += 1
                continue
            }
            var end = i + 1
            while end < raw.count && raw[end] != UInt8(ascii: ";") && end - i < 12 { end += 1 }
            guard end < raw.count, raw[end] == UInt8(ascii: ";") else { return false }
            let entity = Array(raw[(i + 1)..<end])
            switch entity {
            case Array("lt".utf8): output.append(UInt8(ascii: "<"))
            case Array("gt".utf8): output.append(UInt8(ascii: ">"))
            case Array("amp".utf8): output.append(UInt8(ascii: "&"))
            case Array("quot".utf8): output.append(UInt8(ascii: "\""))
            case Array("apos".utf8): output.append(UInt8(ascii: "'"))
            default:
                guard entity.first == UInt8(ascii: "#"), entity.count >= 2 else { return false }
                let hex = entity[1] == UInt8(ascii: "x") || entity[1] == UInt8(ascii: "X")
                let digits = String(decoding: entity[(hex ? 2 : 1)...], as: UTF8.self)
                guard let value = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value) else {
                    return false
                }
                output.append(contentsOf: String(Character(scalar)).utf8)
            }
            i = end + 1
        }
        return true
    }
}
