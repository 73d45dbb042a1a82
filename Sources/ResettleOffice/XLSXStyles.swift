import Foundation

/// The one thing the reader needs from styles.xml: for each cell style index (`s`), whether its
/// number format makes the value a date, a time or a plain number.
struct XLSXStyles {
    private(set) var kinds: [XLSXValueKind] = []

    init() {}

    init(bytes: [UInt8], file: String, part: String) throws(TableIssue) {
        var handler = StylesHandler()
        var tokenizer = XMLTokenizer(file: file, part: part)
        try tokenizer.parseAll(bytes, &handler)
        kinds = handler.cellFormatIds.map { id in
            if let code = handler.customFormats[id] { return XLSXCellFormat.customKind(code) }
            return XLSXCellFormat.builtinKind(id)
        }
    }

    @inline(__always)
    func kind(ofStyle index: Int) -> XLSXValueKind {
        index >= 0 && index < kinds.count ? kinds[index] : .number
    }
}

private struct StylesHandler: XMLHandler {
    var customFormats: [Int: String] = [:]
    var cellFormatIds: [Int] = []
    private var inCellXfs = false

    mutating func start(_ name: XMLName, _ attributes: XMLAttributes) throws(TableIssue) {
        if name.is("numFmt"), let id = attributes.int("numFmtId"), let code = attributes.string("formatCode") {
            customFormats[id] = code
        } else if name.is("cellXfs") {
            inCellXfs = true
        } else if name.is("xf") && inCellXfs {
            // xf elements also appear in cellStyleXfs; only cellXfs are indexed by a cell's `s`.
            cellFormatIds.append(attributes.int("numFmtId") ?? 0)
        }
    }

    mutating func end(_ name: XMLName) throws(TableIssue) {
        if name.is("cellXfs") { inCellXfs = false }
    }

    mutating func text(_ raw: UnsafeRawBufferPointer, isCDATA: Bool) throws(TableIssue) {}
}
