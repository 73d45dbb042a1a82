import Foundation
import ResettleCore

/// A cell to write.
public enum XLSXCell: Sendable, Hashable {
    /// Text, always written as a string cell: use it for IDs, card numbers, phone numbers.
    case text(String)
    /// A whole number. Magnitudes ≥ 1e15 are written as text, because Excel would round them.
    case integer(Int64)
    /// Money in integer fen, shown in yuan with two decimals (value fen/100, format `0.00`).
    /// The decimal text is produced from the integer, so there is no floating-point drift.
    case fen(Int64)
    /// A real date cell (serial number with format `yyyy-mm-dd`). Dates before 1900-03-01 are
    /// written as text `yyyy-MM-dd`: Excel has no serial before 1900 and, because of its
    /// fictitious 1900-02-29, Excel and LibreOffice disagree by one day on January–February 1900.
    case date(year: Int, month: Int, day: Int)
    case empty
}

/// A worksheet to write: a bold, frozen header row followed by data rows.
public struct XLSXSheet: Sendable {
    public var name: String
    public var header: [String]
    /// Widths in Excel character units, per column; missing entries are estimated from the header.
    public var columnWidths: [Double]
    public var rows: [[XLSXCell]]

    public init(name: String, header: [String], columnWidths: [Double] = [], rows: [[XLSXCell]]) {
        self.name = name
        self.header = header
        self.columnWidths = columnWidths
        self.rows = rows
    }
}

/// Writes XLSX workbooks that open in Excel, WPS and LibreOffice with every value intact.
///
/// ```swift
/// let data = try XLSXWriter.data(sheets: [
///     XLSXSheet(name: "花名册", header: ["姓名", "身份证号", "补助金额（元）", "核定日期"],
///               columnWidths: [10, 22, 14, 12],
///               rows: [[.text("张三"), .text("430582199001011234"), .fen(60_000), .date(year: 2024, month: 3, day: 1)]])
/// ])
/// ```
/// For very large exports use `XLSXStreamWriter`, which never holds the rows in memory.
public enum XLSXWriter {
    public static func data(sheets: [XLSXSheet]) throws(OfficeWriteError) -> Data {
        let writer = XLSXStreamWriter()
        try write(sheets, with: writer)
        return try writer.finish() ?? Data()
    }

    public static func write(sheets: [XLSXSheet], to url: URL) throws(OfficeWriteError) {
        let writer = try XLSXStreamWriter(url: url)
        try write(sheets, with: writer)
        _ = try writer.finish()
    }

    private static func write(_ sheets: [XLSXSheet], with writer: XLSXStreamWriter) throws(OfficeWriteError) {
        guard !sheets.isEmpty else { throw .noSheets }
        for sheet in sheets {
            try writer.beginSheet(name: sheet.name, header: sheet.header, columnWidths: sheet.columnWidths)
            for row in sheet.rows { try writer.appendRow(row) }
        }
    }
}

/// Streaming XLSX writer: rows are serialized and deflated as they are appended.
///
/// ```swift
/// let writer = try XLSXStreamWriter(url: outputURL)
/// try writer.beginSheet(name: "名册", header: ["姓名", "身份证号"])
/// for person in people { try writer.appendRow([.text(person.name), .text(person.idNumber)]) }
/// try writer.finish()
/// ```
public final class XLSXStreamWriter {
    private let zip: ZipWriter
    private let fd: Int32?
    private var sheetNames: [String] = []
    private var inSheet = false
    private var rowNumber = 0
    private var columnLetters: [[UInt8]] = []

    /// Style indexes in `cellXfs` of styles.xml (see `XLSXStyleSheet`).
    enum Style {
        static let header = 1, text = 2, money = 3, date = 4
    }

    /// Writes to memory; `finish()` returns the file.
    public init() {
        zip = ZipWriter(output: .memory)
        fd = nil
    }

    /// Writes to a file (created or truncated).
    public init(url: URL) throws(OfficeWriteError) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .io(String(cString: strerror(errno))) }
        fd = descriptor
        zip = ZipWriter(output: .file(descriptor))
    }

    deinit {
        if let fd { close(fd) }
    }

    public func beginSheet(name: String, header: [String], columnWidths: [Double] = []) throws(OfficeWriteError) {
        try endSheetIfNeeded()
        let invalid: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        guard !name.isEmpty, name.count <= 31, !name.contains(where: { invalid.contains($0) }),
            !name.hasPrefix("'"), !name.hasSuffix("'")
        else { throw .invalidSheetName(name) }
        guard !sheetNames.contains(where: { $0.lowercased() == name.lowercased() }) else {
            throw .duplicateSheetName(name)
        }
        sheetNames.append(name)
        try zip.beginEntry("xl/worksheets/sheet\(sheetNames.count).xml")
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """
        if !header.isEmpty {
            // Frozen first row so the header stays visible while scrolling.
            xml +=
                #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        }
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        let columnCount = max(header.count, columnWidths.count)
        if columnCount > 0 {
            xml += "<cols>"
            for index in 0..<columnCount {
                let width =
                    index < columnWidths.count && columnWidths[index] > 0
                    ? columnWidths[index]
                    : XLSXStreamWriter.estimatedWidth(index < header.count ? header[index] : "")
                xml +=
                    #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(XLSXStreamWriter.widthText(width))" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        try zip.write(xml)
        inSheet = true
        rowNumber = 0
        if !header.isEmpty { try appendRow(header.map { .text($0) }, style: Style.header) }
    }

    public func appendRow(_ cells: [XLSXCell]) throws(OfficeWriteError) {
        try appendRow(cells, style: nil)
    }

    /// Appends `cells` as row `number` of the sheet; rows skipped since the last one stay empty.
    /// A copy of a user's sheet keeps its row numbers this way, because messages name them.
    /// `bold` writes text cells as the header row of `beginSheet` is written.
    public func appendRow(_ cells: [XLSXCell], number: Int, bold: Bool = false) throws(OfficeWriteError) {
        precondition(number > rowNumber, "rows are appended in ascending order")
        rowNumber = number - 1
        try appendRow(cells, style: bold ? Style.header : nil)
    }

    private func appendRow(_ cells: [XLSXCell], style: Int?) throws(OfficeWriteError) {
        precondition(inSheet, "beginSheet(name:header:) must be called first")
        guard rowNumber < 1_048_576 else { throw .tooLarge }
        rowNumber += 1
        while columnLetters.count < cells.count { columnLetters.append(XLSXStreamWriter.letters(columnLetters.count)) }
        var failure: OfficeWriteError?
        let row = Array(String(rowNumber).utf8)
        try zip.withBuffer { buffer in
            buffer.append(contentsOf: #"<row r=""#.utf8)
            buffer.append(contentsOf: row)
            buffer.append(contentsOf: #"">"#.utf8)
            for (index, cell) in cells.enumerated() {
                switch cell {
                case .empty:
                    continue
                case .text(let text):
                    XLSXStreamWriter.appendText(
                        text, reference: columnLetters[index], row: row, style: style ?? Style.text, to: &buffer)
                case .integer(let value):
                    if value.magnitude >= 1_000_000_000_000_000 {
                        XLSXStreamWriter.appendText(
                            String(value), reference: columnLetters[index], row: row, style: Style.text, to: &buffer)
                    } else {
                        XLSXStreamWriter.appendNumber(
                            String(value), reference: columnLetters[index], row: row, style: nil, to: &buffer)
                    }
                case .fen(let fen):
                    XLSXStreamWriter.appendNumber(
                        XLSXStreamWriter.yuan(fromFen: fen), reference: columnLetters[index], row: row,
                        style: Style.money, to: &buffer)
                case .date(let year, let month, let day):
                    guard let date = CivilDate(year: year, month: month, day: day) else {
                        failure = .invalidDate(year: year, month: month, day: day)
                        return
                    }
                    if let serial = date.excelSerial1900, serial >= 61 {
                        XLSXStreamWriter.appendNumber(
                            String(serial), reference: columnLetters[index], row: row, style: Style.date, to: &buffer)
                    } else {
                        XLSXStreamWriter.appendText(
                            date.iso, reference: columnLetters[index], row: row, style: Style.text, to: &buffer)
                    }
                }
            }
            buffer.append(contentsOf: "</row>".utf8)
        }
        if let failure { throw failure }
    }

    /// Completes the workbook. Returns the file for an in-memory writer, nil for a file writer.
    @discardableResult
    public func finish() throws(OfficeWriteError) -> Data? {
        try endSheetIfNeeded()
        guard !sheetNames.isEmpty else { throw .noSheets }
        try zip.addEntry("[Content_Types].xml", XLSXPackageParts.contentTypes(sheetCount: sheetNames.count))
        try zip.addEntry("_rels/.rels", XLSXPackageParts.rootRelationships)
        try zip.addEntry("docProps/app.xml", OOXMLPackageParts.appProperties)
        try zip.addEntry("docProps/core.xml", OOXMLPackageParts.coreProperties)
        try zip.addEntry("xl/workbook.xml", XLSXPackageParts.workbook(sheetNames: sheetNames))
        try zip.addEntry(
            "xl/_rels/workbook.xml.rels", XLSXPackageParts.workbookRelationships(sheetCount: sheetNames.count))
        try zip.addEntry("xl/styles.xml", XLSXPackageParts.styles)
        try zip.finish()
        if fd == nil { return Data(zip.memory) }
        return nil
    }

    private func endSheetIfNeeded() throws(OfficeWriteError) {
        guard inSheet else { return }
        try zip.write(
            #"</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#
        )
        try zip.endEntry()
        inSheet = false
    }

    // MARK: Cell serialization

    @inline(__always)
    private static func openCell(
        _ reference: [UInt8], row: [UInt8], style: Int?, type: StaticString?, to buffer: inout [UInt8]
    ) {
        buffer.append(contentsOf: #"<c r=""#.utf8)
        buffer.append(contentsOf: reference)
        buffer.append(contentsOf: row)
        if let style {
            buffer.append(contentsOf: #"" s=""#.utf8)
            buffer.append(UInt8(ascii: "0") + UInt8(style))
        }
        if let type {
            buffer.append(contentsOf: #"" t=""#.utf8)
            buffer.append(contentsOf: UnsafeRawBufferPointer(start: type.utf8Start, count: type.utf8CodeUnitCount))
        }
        buffer.append(contentsOf: #"">"#.utf8)
    }

    private static func appendText(
        _ text: String, reference: [UInt8], row: [UInt8], style: Int, to buffer: inout [UInt8]
    ) {
        openCell(reference, row: row, style: style, type: "inlineStr", to: &buffer)
        buffer.append(
            contentsOf: XMLEscaping.needsPreserve(text) ? #"<is><t xml:space="preserve">"#.utf8 : "<is><t>".utf8)
        XMLEscaping.append(text, to: &buffer)
        buffer.append(contentsOf: "</t></is></c>".utf8)
    }

    private static func appendNumber(
        _ text: String, reference: [UInt8], row: [UInt8], style: Int?, to buffer: inout [UInt8]
    ) {
        openCell(reference, row: row, style: style, type: nil, to: &buffer)
        buffer.append(contentsOf: "<v>".utf8)
        buffer.append(contentsOf: text.utf8)
        buffer.append(contentsOf: "</v></c>".utf8)
    }

    /// "1234.50" style decimal text from integer fen, without going through Double.
    package static func yuan(fromFen fen: Int64) -> String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + String(magnitude / 100) + (cents < 10 ? ".0" : ".") + String(cents)
    }

    /// Column letters for a zero-based index: 0 → "A", 26 → "AA".
    static func letters(_ index: Int) -> [UInt8] {
        var result: [UInt8] = []
        var value = index + 1
        while value > 0 {
            let remainder = (value - 1) % 26
            result.insert(UInt8(65 + remainder), at: 0)
            value = (value - 1) / 26
        }
        return result
    }

    /// Width that fits the header text: CJK characters count double.
    static func estimatedWidth(_ header: String) -> Double {
        let units = header.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
        return Double(max(8, min(units + 4, 60)))
    }

    static func widthText(_ width: Double) -> String {
        let hundredths = Int((min(max(width, 0), 255) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0\(fraction)" : "\(fraction)")
    }
}
