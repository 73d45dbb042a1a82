import Foundation

/// A run of text with uniform formatting.
public struct DocxRun: Sendable, Hashable {
    public var text: String
    public var bold: Bool

    public init(_ text: String, bold: Bool = false) {
        self.text = text
        self.bold = bold
    }
}

public enum DocxAlignment: String, Sendable, Hashable {
    case left, center, right, justify

    var wordValue: String { self == .justify ? "both" : rawValue }
}

/// Vertical merging of table cells (Word's `vMerge`): `.restart` starts a merged block, the
/// cells below it in the same grid column are `.continued` (their content is ignored).
public enum DocxVerticalMerge: Sendable, Hashable {
    case none, restart, continued
}

public struct DocxTableCell: Sendable, Hashable {
    public var runs: [DocxRun]
    /// Number of grid columns this cell spans (Word's `gridSpan`).
    public var columnSpan: Int
    public var verticalMerge: DocxVerticalMerge
    public var alignment: DocxAlignment

    public init(
        _ text: String, bold: Bool = false, columnSpan: Int = 1,
        verticalMerge: DocxVerticalMerge = .none, alignment: DocxAlignment = .center
    ) {
        self.init(
            runs: [DocxRun(text, bold: bold)], columnSpan: columnSpan, verticalMerge: verticalMerge,
            alignment: alignment)
    }

    public init(
        runs: [DocxRun], columnSpan: Int = 1, verticalMerge: DocxVerticalMerge = .none,
        alignment: DocxAlignment = .center
    ) {
        self.runs = runs
        self.columnSpan = columnSpan
        self.verticalMerge = verticalMerge
        self.alignment = alignment
    }
}

/// A table: header rows (bold, repeated on every page) then body rows. Each row's column spans
/// must add up to the number of columns.
public struct DocxTable: Sendable, Hashable {
    /// Relative column widths (e.g. [1, 3, 2]); the table fills the text width.
    public var columnWidths: [Double]
    public var headerRows: [[DocxTableCell]]
    public var rows: [[DocxTableCell]]
    /// Font size in points; GB/T 9704 leaves table text to the drafter, 四号 (14 pt) by default.
    public var fontSize: Double

    public init(columnWidths: [Double], headerRows: [[DocxTableCell]], rows: [[DocxTableCell]], fontSize: Double = 14) {
        self.columnWidths = columnWidths
        self.headerRows = headerRows
        self.rows = rows
        self.fontSize = fontSize
    }

    /// Convenience: one header row of plain column titles, body rows of plain text.
    public init(header: [String], rows: [[String]], columnWidths: [Double]? = nil, fontSize: Double = 14) {
        self.init(
            columnWidths: columnWidths ?? Array(repeating: 1, count: header.count),
            headerRows: [header.map { DocxTableCell($0, bold: true) }],
            rows: rows.map { $0.map { DocxTableCell($0) } },
            fontSize: fontSize)
    }
}

/// A report laid out per GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm,
/// title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 with 22 lines × 28 characters per page,
/// headings 黑体 / 楷体_GB2312 / 仿宋 bold, page numbers "— 1 —" in the footer.
///
/// ```swift
/// var report = DocxDocument()
/// report.title("关于 2024 年度移民后期扶持资金发放情况的报告")
/// report.heading("一、基本情况", level: 1)
/// report.paragraph([DocxRun("全县核定扶持人口 "), DocxRun("12,345", bold: true), DocxRun(" 人。")])
/// report.table(DocxTable(header: ["乡镇", "人数"], rows: [["城关镇", "1,024"]]))
/// let bytes = try report.data()
/// ```
public struct DocxDocument: Sendable, Hashable {
    enum Block: Sendable, Hashable {
        case title(String)
        case heading(String, level: Int)
        case paragraph([DocxRun], alignment: DocxAlignment, firstLineIndent: Bool)
        case table(DocxTable)
        case pageBreak
    }

    private(set) var blocks: [Block] = []

    public init() {}

    /// The document title: 方正小标宋简体 (fallback 宋体) 二号, centered.
    public mutating func title(_ text: String) {
        blocks.append(.title(text))
    }

    /// A heading; level 1 黑体, level 2 楷体_GB2312, level 3 仿宋 bold (all 三号). Levels other
    /// than 1–3 make `data()` throw `.invalidHeadingLevel`.
    public mutating func heading(_ text: String, level: Int) {
        blocks.append(.heading(text, level: level))
    }

    /// A body paragraph (仿宋_GB2312 三号, first line indented two characters).
    public mutating func paragraph(_ runs: [DocxRun], alignment: DocxAlignment = .justify, firstLineIndent: Bool = true)
    {
        blocks.append(.paragraph(runs, alignment: alignment, firstLineIndent: firstLineIndent))
    }

    public mutating func paragraph(_ text: String) {
        paragraph([DocxRun(text)])
    }

    public mutating func table(_ table: DocxTable) {
        blocks.append(.table(table))
    }

    public mutating func pageBreak() {
        blocks.append(.pageBreak)
    }

    /// The .docx file.
    public func data() throws(OfficeWriteError) -> Data {
        try DocxWriter.data(for: self)
    }
}
