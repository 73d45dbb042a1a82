import Foundation

/// One row of a worksheet as text.
public struct XLSXRow: Sendable, Hashable {
    /// The row number Excel shows (from the `r` attribute, or counted when it is missing).
    public let number: Int
    /// Display text of columns A, B, …, up to the last non-empty cell; empty cells are "".
    public let cells: [String]
    /// Zero-based columns whose numeric value is damaged (≥ 1e15: Excel kept only 15 significant
    /// digits, typical of an 18-digit ID or 19-digit card typed as a number).
    public let damagedColumns: [Int]

    public init(number: Int, cells: [String], damagedColumns: [Int] = []) {
        self.number = number
        self.cells = cells
        self.damagedColumns = damagedColumns
    }
}

/// Reads XLSX workbooks written by Excel, WPS or LibreOffice as rows of display text.
///
/// Sheets are streamed: the sheet part is inflated in 256 KiB chunks straight into a SAX
/// tokenizer, so memory stays flat however many rows there are (only the shared strings table is
/// held). Cell text follows what a clerk sees: shared, inline and rich-text strings; integers
/// without ".0"; other numbers in General style; dates (by the cell's number format) as
/// `yyyy-MM-dd` in the 1900 or 1904 date system; booleans as TRUE/FALSE; formula cells by their
/// cached value.
///
/// ```swift
/// let reader = try XLSXReader(data: upload, fileName: "名册.xlsx")
/// try reader.forEachRow(sheet: "花名册") { row in print(row.number, row.cells) }
/// ```
public final class XLSXReader {
    private let zip: ZipReader
    private let workbook: XLSXWorkbook
    private var sharedStrings: XLSXSharedStrings?
    private var styles: XLSXStyles?

    /// Sheet names in workbook order.
    public var sheetNames: [String] { workbook.sheets.map(\.name) }
    /// True when the workbook uses the 1904 date system (old Mac Excel).
    public var uses1904DateSystem: Bool { workbook.date1904 }

    public convenience init(data: Data, fileName: String = "workbook.xlsx", limits: FileLimits = .default)
        throws(TableIssue)
    {
        try self.init(source: ByteSource(data: data, fileName: fileName), limits: limits)
    }

    /// Opens a workbook on disk without loading it into memory.
    public convenience init(contentsOf url: URL, limits: FileLimits = .default) throws(TableIssue) {
        try self.init(source: ByteSource(url: url), limits: limits)
    }

    init(source: ByteSource, limits: FileLimits) throws(TableIssue) {
        try OfficeFileKind.requireZip(source, limits: limits)
        zip = try ZipReader(source: source, limits: limits)
        workbook = try XLSXWorkbook(zip: zip)
    }

    /// Streams the rows of the named sheet (or the first sheet) to `body`, in file order.
    public func forEachRow(sheet: String? = nil, _ body: (XLSXRow) throws(TableIssue) -> Void) throws(TableIssue) {
        let file = zip.source.fileName
        let target: XLSXWorkbook.Sheet
        if let sheet {
            let wanted = sheet.trimmingCharacters(in: .whitespaces)
            guard
                let found = workbook.sheets.first(where: { $0.name == wanted })
                    ?? workbook.sheets.first(where: { $0.name.lowercased() == wanted.lowercased() })
            else {
                let names = workbook.sheets.map { "“\($0.name)”" }.joined(separator: "、")
                throw TableIssue(
                    file: file, code: "missing_sheet",
                    message: "工作簿中没有名为“\(sheet)”的工作表；现有工作表：\(names.isEmpty ? "无" : names)。")
            }
            target = found
        } else {
            guard let first = workbook.sheets.first else {
                throw TableIssue(file: file, code: "missing_sheet", message: "工作簿中没有任何工作表。")
            }
            target = first
        }
        guard let entry = zip.entry(named: target.path) else {
            throw TableIssue(
                file: file, code: "missing_sheet",
                message: "工作表“\(target.name)”的数据部件 \(target.path) 缺失，文件可能已损坏。")
        }
        var parser = XLSXSheetParser(
            file: file, part: entry.name, sharedStrings: try loadSharedStrings(),
            styles: try loadStyles(), date1904: workbook.date1904)
        var tokenizer = XMLTokenizer(file: file, part: entry.name)
        try zip.read(entry) { (chunk) throws(TableIssue) in
            try tokenizer.feed(chunk, &parser)
            try drain(&parser, body)
        }
        try tokenizer.finish(&parser)
        try drain(&parser, body)
    }

    /// All rows of the named sheet (or the first sheet).
    public func rows(sheet: String? = nil) throws(TableIssue) -> [XLSXRow] {
        var result: [XLSXRow] = []
        try forEachRow(sheet: sheet) { row in result.append(row) }
        return result
    }

    private func drain(_ parser: inout XLSXSheetParser, _ body: (XLSXRow) throws(TableIssue) -> Void) throws(TableIssue)
    {
        guard !parser.ready.isEmpty else { return }
        for row in parser.ready { try body(row) }
        parser.ready.removeAll(keepingCapacity: true)
    }

    private func loadSharedStrings() throws(TableIssue) -> XLSXSharedStrings {
        if let sharedStrings { return sharedStrings }
        var loaded = XLSXSharedStrings()
        if let path = workbook.sharedStringsPath, let entry = zip.entry(named: path) {
            loaded = try XLSXSharedStrings(zip: zip, entry: entry)
        }
        sharedStrings = loaded
        return loaded
    }

    private func loadStyles() throws(TableIssue) -> XLSXStyles {
        if let styles { return styles }
        var loaded = XLSXStyles()
        if let path = workbook.stylesPath, let entry = zip.entry(named: path) {
            loaded = try XLSXStyles(
                bytes: try zip.readAll(entry, maxBytes: 64 << 20), file: zip.source.fileName, part: entry.name)
        }
        styles = loaded
        return loaded
    }
}
