import Foundation

/// The shared strings table (`xl/sharedStrings.xml`), kept in memory because cells refer to it by
/// index in any order. Rich-text runs are concatenated; phonetic guides (`<rPh>`, furigana /
/// pinyin added by Excel's IME) are not part of the cell text and are skipped.
struct XLSXSharedStrings {
    private(set) var strings: [String] = []

    init() {}

    init(zip: ZipReader, entry: ZipEntry) throws(TableIssue) {
        var handler = SharedStringsHandler(file: zip.source.fileName, part: entry.name)
        var tokenizer = XMLTokenizer(file: zip.source.fileName, part: entry.name)
        try zip.read(entry, maxBytes: zip.limits.maxSharedStringsBytes) { (chunk) throws(TableIssue) in
            try tokenizer.feed(chunk, &handler)
        }
        try tokenizer.finish(&handler)
        strings = handler.strings
    }

    var count: Int { strings.count }

    subscript(index: Int) -> String? {
        index >= 0 && index < strings.count ? strings[index] : nil
    }
}

private struct SharedStringsHandler: XMLHandler {
    let file: String
    let part: String
    var strings: [String] = []
    private var inItem = false
    private var phoneticDepth = 0
    private var inText = false
    private var buffer: [UInt8] = []

    init(file: String, part: String) {
        self.file = file
        self.part = part
    }

    mutating func start(_ name: XMLName, _ attributes: XMLAttributes) throws(TableIssue) {
        if name.is("si") {
            inItem = true
            buffer.removeAll(keepingCapacity: true)
        } else if name.is("t") {
            inText = inItem && phoneticDepth == 0
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if name.is("sst"), let count = attributes.int("uniqueCount") {
            strings.reserveCapacity(min(max(count, 0), 1 << 20))
        }
    }

    mutating func end(_ name: XMLName) throws(TableIssue) {
        if name.is("si") {
            strings.append(String(decoding: buffer, as: UTF8.self))
            inItem = false
        } else if name.is("t") {
            inText = false
        } else if name.is("rPh") {
            phoneticDepth -= 1
        }
    }

    mutating func text(_ raw: UnsafeRawBufferPointer, isCDATA: Bool) throws(TableIssue) {
        guard inText else { return }
        if isCDATA {
            buffer.append(contentsOf: raw)
        } else if !XMLText.appendDecoded(raw, to: &buffer) {
            throw TableIssue.malformedXML(file, part: part, detail: "无效的字符实体")
        }
    }
}
