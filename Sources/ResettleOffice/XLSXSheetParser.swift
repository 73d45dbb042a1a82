import Foundation

/// SAX handler for a worksheet part: turns `<row>`/`<c>` events into rows of display text.
///
/// Finished rows are queued in `ready` and drained by the reader after every inflated chunk, so
/// only a chunk's worth of rows is ever held, however long the sheet is.
struct XLSXSheetParser: XMLHandler {
    private enum CellType { case number, shared, inline, formulaString, boolean, error, isoDate }
    private enum Capture { case none, value, inlineText }

    let file: String
    let part: String
    let sharedStrings: XLSXSharedStrings
    let styles: XLSXStyles
    let date1904: Bool
    /// Columns beyond Excel's XFD (16,384) are refused rather than allocated.
    static let maxColumns = 16_384

    var ready: [XLSXRow] = []

    private var inSheetData = false
    private var rowNumber = 0
    private var lastRowNumber = 0
    private var cells: [String] = []
    private var damaged: [Int] = []
    private var column = -1
    private var cellType = CellType.number
    private var cellStyle = 0
    private var capture = Capture.none
    private var inInlineString = false
    private var phoneticDepth = 0
    private var text: [UInt8] = []
    private var hasValue = false

    init(file: String, part: String, sharedStrings: XLSXSharedStrings, styles: XLSXStyles, date1904: Bool) {
        self.file = file
        self.part = part
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
        text.reserveCapacity(256)
    }

    mutating func start(_ name: XMLName, _ attributes: XMLAttributes) throws(TableIssue) {
        guard inSheetData else {
            if name.is("sheetData") { inSheetData = true }
            return
        }
        if name.is("c") {
            if let reference = attributes.value("r") {
                guard let index = XLSXSheetParser.columnIndex(reference) else { throw malformed("单元格引用无效") }
                column = index
            } else {
                column += 1
            }
            guard column < Self.maxColumns else { throw malformed("列号超出 XFD") }
            cellStyle = attributes.int("s") ?? 0
            cellType = XLSXSheetParser.cellType(attributes.value("t"))
            text.removeAll(keepingCapacity: true)
            hasValue = false
        } else if name.is("v") {
            capture = .value
            hasValue = true
        } else if name.is("is") {
            inInlineString = true
            hasValue = true
        } else if name.is("t") {
            if inInlineString && phoneticDepth == 0 { capture = .inlineText }
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if name.is("row") {
            let declared = attributes.int("r") ?? 0
            rowNumber = declared > 0 ? declared : lastRowNumber + 1
            cells.removeAll(keepingCapacity: true)
            damaged.removeAll(keepingCapacity: true)
            column = -1
        }
    }

    mutating func end(_ name: XMLName) throws(TableIssue) {
        guard inSheetData else { return }
        if name.is("c") {
            try finishCell()
        } else if name.is("v") || name.is("t") {
            capture = .none
        } else if name.is("is") {
            inInlineString = false
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("row") {
            ready.append(XLSXRow(number: rowNumber, cells: cells, damagedColumns: damaged))
            lastRowNumber = rowNumber
        } else if name.is("sheetData") {
            inSheetData = false
        }
    }

    mutating func text(_ raw: UnsafeRawBufferPointer, isCDATA: Bool) throws(TableIssue) {
        guard capture != .none else { return }
        if isCDATA {
            text.append(contentsOf: raw)
        } else if !XMLText.appendDecoded(raw, to: &text) {
            throw malformed("无效的字符实体")
        }
    }

    private mutating func finishCell() throws(TableIssue) {
        var value = ""
        var isDamaged = false
        if hasValue {
            switch cellType {
            case .shared:
                guard let index = XLSXSheetParser.integer(text), let string = sharedStrings[index] else {
                    throw malformed("共享字符串索引无效")
                }
                value = string
            case .inline, .formulaString, .error:
                value = String(decoding: text, as: UTF8.self)
            case .boolean:
                value =
                    text == [UInt8(ascii: "1")]
                    ? "TRUE" : (text == [UInt8(ascii: "0")] ? "FALSE" : String(decoding: text, as: UTF8.self))
            case .isoDate:
                // ISO 8601 "2024-03-01T00:00:00": keep the date part, as for serial dates.
                let iso = String(decoding: text, as: UTF8.self)
                let datePart = iso.prefix(10)
                value = datePart.count == 10 && datePart.dropFirst(4).first == "-" ? String(datePart) : iso
            case .number:
                if !text.isEmpty {
                    (value, isDamaged) = XLSXNumberText.render(
                        text, kind: styles.kind(ofStyle: cellStyle), date1904: date1904)
                }
            }
        }
        guard !value.isEmpty else { return }
        if column >= cells.count {
            cells.reserveCapacity(column + 1)
            while cells.count < column { cells.append("") }
            cells.append(value)
        } else {
            cells[column] = value
        }
        if isDamaged { damaged.append(column) }
    }

    private func malformed(_ detail: String) -> TableIssue {
        TableIssue.malformedXML(file, part: part, detail: "第 \(rowNumber) 行：\(detail)")
    }

    private static func cellType(_ raw: UnsafeRawBufferPointer?) -> CellType {
        guard let raw, !raw.isEmpty else { return .number }
        switch (raw.count, raw[0]) {
        case (1, UInt8(ascii: "s")): return .shared
        case (1, UInt8(ascii: "n")): return .number
        case (1, UInt8(ascii: "b")): return .boolean
        case (1, UInt8(ascii: "e")): return .error
        case (1, UInt8(ascii: "d")): return .isoDate
        case (3, UInt8(ascii: "s")): return .formulaString
        case (9, UInt8(ascii: "i")): return .inline
        default: return .number
        }
    }

    /// Zero-based column of a cell reference such as "AB12" (letters only are used).
    static func columnIndex(_ reference: UnsafeRawBufferPointer) -> Int? {
        var result = 0
        var letters = 0
        for byte in reference {
            let upper = byte & 0xDF
            guard upper >= 0x41 && upper <= 0x5A else { break }
            result = result * 26 + Int(upper - 0x40)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : result - 1
    }

    private static func integer(_ bytes: [UInt8]) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 12 else { return nil }
        var result = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { return nil }
            result = result * 10 + Int(byte - 48)
        }
        return result
    }
}
