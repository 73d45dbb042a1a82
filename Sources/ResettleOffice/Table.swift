import Foundation

/// A column an importer expects, with every header spelling accepted for it.
public struct ColumnSpec: Sendable, Hashable {
    /// Stable key, e.g. "id_number".
    public let key: String
    /// Header names accepted; the first is the canonical Chinese name used in messages,
    /// e.g. ["身份证号", "id_number", "公民身份号码"]. Compared after removing all whitespace
    /// (ASCII and full-width), trailing required-marks (`*`, `＊`) and ASCII case.
    public let names: [String]
    /// A required column must be present in the header.
    public let required: Bool

    public init(key: String, names: [String], required: Bool = true) {
        self.key = key
        self.names = names
        self.required = required
    }

    /// The canonical (first) name, or the key if no name was given.
    public var canonicalName: String { names.first ?? key }
}

/// One data row of a table.
public struct TableRow: Sendable {
    /// Row number as a spreadsheet shows it (header row of a plain CSV = 1, first data row = 2;
    /// XLSX: the sheet's row number).
    public let rowNumber: Int
    /// Aligned with `Table.columns`; an absent optional column or an empty cell is "". Values are
    /// trimmed of surrounding whitespace (ASCII and full-width U+3000).
    public let cells: [String]
    /// Indexes (into `cells`) of values that are damaged numbers: an ID or card number that
    /// Excel stored as a number and rounded (≥ 1e15, or shown as "4.30582E+17"). Each also has a
    /// `damaged_number` issue in `Table.warnings`. Importers should reject such cells.
    public let damagedCells: Set<Int>

    public init(rowNumber: Int, cells: [String], damagedCells: Set<Int> = []) {
        self.rowNumber = rowNumber
        self.cells = cells
        self.damagedCells = damagedCells
    }

    public subscript(_ index: Int) -> String { cells[index] }

    public func isDamaged(_ index: Int) -> Bool { damagedCells.contains(index) }
}

public enum TableFormat: Sendable, Equatable {
    case csv(TextEncoding)
    case xlsx
}

/// A user's table after header detection, ready for an importer.
public struct Table: Sendable {
    public let fileName: String
    public let format: TableFormat
    public let headerRowNumber: Int
    /// The specs passed in, same order; `TableRow.cells` is aligned with it.
    public let columns: [ColumnSpec]
    /// Keys found in the header.
    public let presentColumns: Set<String>
    /// Data rows below the header; blank rows skipped.
    public let rows: [TableRow]
    /// Non-fatal issues. Currently `damaged_number`: one per damaged cell, with row and column.
    public let warnings: [TableIssue]

    public init(
        fileName: String, format: TableFormat, headerRowNumber: Int, columns: [ColumnSpec],
        presentColumns: Set<String>, rows: [TableRow], warnings: [TableIssue]
    ) {
        self.fileName = fileName
        self.format = format
        self.headerRowNumber = headerRowNumber
        self.columns = columns
        self.presentColumns = presentColumns
        self.rows = rows
        self.warnings = warnings
    }

    /// Index of the column with `key` in `columns` (and so in `TableRow.cells`).
    public func index(of key: String) -> Int? {
        columns.firstIndex { $0.key == key }
    }
}

/// What a streaming read found, besides the rows handed to the callback.
public struct TableSummary: Sendable {
    public let fileName: String
    public let format: TableFormat
    public let headerRowNumber: Int
    public let columns: [ColumnSpec]
    public let presentColumns: Set<String>
    public let rowCount: Int
    public let warnings: [TableIssue]
}
