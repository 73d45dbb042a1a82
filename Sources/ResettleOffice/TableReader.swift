import Foundation

/// The one front door for every import: reads a CSV or XLSX upload into a `Table` with the
/// expected columns located by header name.
///
/// The format is chosen by content, not extension: ZIP magic → XLSX; OLE magic (D0 CF 11 E0) →
/// `encrypted_workbook` or `legacy_xls` issue; 0 bytes → `empty_file`; anything else → CSV with
/// detected encoding. All failures are a single `TableIssue` with a Chinese message.
///
/// Header detection: among the first 20 non-blank rows, the first row that contains every
/// required column (by any alias) is the header; rows above it (titles, notes) are ignored, as
/// are extra columns. Missing required columns give one `missing_column` issue naming all of
/// them; two header cells for one key give `duplicate_column`.
///
/// Damaged numbers (an ID or card Excel rounded: ≥ 1e15 stored as a number, or text like
/// "4.30582E+17") do not fail the read: each is a `damaged_number` warning in
/// `Table.warnings` and is flagged in `TableRow.damagedCells`, so the importer can reject
/// exactly those rows with the exact message.
public enum TableReader {
    /// Reads CSV or XLSX, chosen by content (ZIP magic → XLSX; OLE magic D0CF11E0 → legacy .xls
    /// or encrypted workbook error; else CSV), not by extension.
    public static func read(
        _ data: Data, fileName: String, columns: [ColumnSpec], sheet: String? = nil,
        limits: FileLimits = .default
    ) throws(TableIssue) -> Table {
        try collect(ByteSource(data: data, fileName: fileName), columns: columns, sheet: sheet, limits: limits)
    }

    /// Same as `read(_:fileName:...)` for a file on disk; an XLSX is read without loading the
    /// whole file into memory.
    public static func read(
        contentsOf url: URL, columns: [ColumnSpec], sheet: String? = nil,
        limits: FileLimits = .default
    ) throws(TableIssue) -> Table {
        try collect(ByteSource(url: url), columns: columns, sheet: sheet, limits: limits)
    }

    /// Streaming variant: rows go to `onRow` as they are read and are not kept, so memory stays
    /// flat even for a million rows. Returns the header information and warnings.
    @discardableResult
    public static func forEachRow(
        _ data: Data, fileName: String, columns: [ColumnSpec], sheet: String? = nil,
        limits: FileLimits = .default,
        _ onRow: (TableRow) throws(TableIssue) -> Void
    ) throws(TableIssue) -> TableSummary {
        try stream(ByteSource(data: data, fileName: fileName), columns: columns, sheet: sheet, limits: limits, onRow)
    }

    /// Streaming variant for a file on disk.
    @discardableResult
    public static func forEachRow(
        contentsOf url: URL, columns: [ColumnSpec], sheet: String? = nil,
        limits: FileLimits = .default,
        _ onRow: (TableRow) throws(TableIssue) -> Void
    ) throws(TableIssue) -> TableSummary {
        try stream(ByteSource(url: url), columns: columns, sheet: sheet, limits: limits, onRow)
    }

    private static func collect(
        _ source: ByteSource, columns: [ColumnSpec], sheet: String?,
        limits: FileLimits
    ) throws(TableIssue) -> Table {
        var rows: [TableRow] = []
        let summary = try stream(source, columns: columns, sheet: sheet, limits: limits) { row in rows.append(row) }
        return Table(
            fileName: summary.fileName, format: summary.format, headerRowNumber: summary.headerRowNumber,
            columns: columns, presentColumns: summary.presentColumns, rows: rows, warnings: summary.warnings)
    }

    private static func stream(
        _ source: ByteSource, columns: [ColumnSpec], sheet: String?, limits: FileLimits,
        _ onRow: (TableRow) throws(TableIssue) -> Void
    ) throws(TableIssue) -> TableSummary {
        let fileName = source.fileName
        var builder = TableBuilder(fileName: fileName, columns: columns, limits: limits)
        let format: TableFormat
        if try OfficeFileKind.table(source, limits: limits) == .zip {
            format = .xlsx
            let reader = try XLSXReader(source: source, limits: limits)
            try reader.forEachRow(sheet: sheet) { (row) throws(TableIssue) in
                try builder.accept(number: row.number, raw: row.cells, damagedRaw: row.damagedColumns, emit: onRow)
            }
        } else {
            let encoding = try CSVReader.forEachRecord(try source.allData(), fileName: fileName) {
                (number, fields) throws(TableIssue) in
                try builder.accept(number: number, raw: fields, damagedRaw: [], emit: onRow)
            }
            format = .csv(encoding)
        }
        try builder.finish()
        return TableSummary(
            fileName: fileName, format: format, headerRowNumber: builder.headerRowNumber ?? 0,
            columns: columns, presentColumns: builder.presentColumns, rowCount: builder.rowCount,
            warnings: builder.warnings)
    }
}
