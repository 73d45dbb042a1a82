import Foundation

/// A user's table given back as it was uploaded, with one more column on the right that says
/// what is wrong with each row. A clerk corrects the file they know, row by row, instead of
/// matching an error list against it.
///
/// The copy has the format of the upload: XLSX stays XLSX; CSV stays CSV in the encoding it came
/// in (GBK/GB18030, UTF-8 with or without BOM, UTF-16). The sheet `TableReader` reads (the named
/// one, or the first) is copied row by row with the row numbers and cell text as read, title rows
/// above the header and blank rows included, so every row number a message names still points at
/// the same row. The added column sits right of the widest row, so it never covers a cell.
///
/// Not kept: formatting, merged cells, formulas (their values are kept), other sheets, and
/// in a CSV the line ends (CRLF is written). A CSV text cell that a spreadsheet would run as a
/// formula gets a leading `'`, as in every CSV the system writes (`CSVWriter`).
public enum AnnotatedCopy {
    /// - Parameters:
    ///   - headerRow: the header's row number, as `Table.headerRowNumber` reported it; the added
    ///     column's cell in that row is `title`.
    ///   - notes: the added column's text by row number; rows without one leave it empty.
    /// - Returns: the copy, and its format (the upload's).
    /// - Throws: `TableIssue` when the file cannot be read (it is read as `TableReader` reads it,
    ///   so a file that was refused row by row reads here too), or `OfficeWriteError` when the
    ///   copy cannot be written.
    public static func make(
        _ data: Data, fileName: String, headerRow: Int, title: String, notes: [Int: String], sheet: String? = nil,
        limits: FileLimits = .default
    ) throws -> (data: Data, format: TableFormat) {
        let source = ByteSource(data: data, fileName: fileName)
        if try OfficeFileKind.table(source, limits: limits) == .zip {
            let reader = try XLSXReader(source: source, limits: limits)
            var rows: [(number: Int, cells: [String])] = []
            try reader.forEachRow(sheet: sheet) { row in rows.append((row.number, row.cells)) }
            let name =
                sheet.flatMap { wanted in reader.sheetNames.first { $0.lowercased() == wanted.lowercased() } }
                ?? reader.sheetNames.first ?? title
            return (try workbook(rows, sheetName: name, headerRow: headerRow, title: title, notes: notes), .xlsx)
        } else {
            let (records, encoding) = try CSVReader.read(data, fileName: fileName)
            let width = Self.width(records.map(\.fields))
            let rows = records.map { record -> [String] in
                guard record.rowNumber >= headerRow, !record.fields.allSatisfy(\.isEmpty) else { return record.fields }
                let note = record.rowNumber == headerRow ? title : notes[record.rowNumber] ?? ""
                return padded(record.fields, to: width, filler: "") + [note]
            }
            return (CSVWriter.data(rows: rows, encoding: encoding), .csv(encoding))
        }
    }

    private static func workbook(
        _ rows: [(number: Int, cells: [String])], sheetName: String, headerRow: Int, title: String, notes: [Int: String]
    ) throws -> Data {
        let width = Self.width(rows.map(\.cells))
        // Column widths from what the header and data rows hold (an 18-digit ID needs 22), not
        // from titles, which usually span the sheet.
        var widths = [Double](repeating: 8, count: width)
        var noteWidth = XLSXStreamWriter.estimatedWidth(title)
        for row in rows where row.number >= headerRow {
            for (index, cell) in row.cells.enumerated() where !cell.isEmpty {
                widths[index] = max(widths[index], min(XLSXStreamWriter.estimatedWidth(cell), 40))
            }
            if let note = notes[row.number] {
                noteWidth = max(noteWidth, min(XLSXStreamWriter.estimatedWidth(note), 80))
            }
        }
        let writer = XLSXStreamWriter()
        // A name Excel took but the writer's rule refuses (nothing is written then): the copy
        // need not keep it.
        if (try? writer.beginSheet(name: sheetName, header: [], columnWidths: widths + [noteWidth])) == nil {
            try writer.beginSheet(name: title, header: [], columnWidths: widths + [noteWidth])
        }
        for row in rows {
            var cells = row.cells.map { $0.isEmpty ? XLSXCell.empty : .text($0) }
            if row.number >= headerRow, !row.cells.allSatisfy(\.isEmpty) {
                let note = row.number == headerRow ? title : notes[row.number] ?? ""
                cells = padded(cells, to: width, filler: .empty) + [note.isEmpty ? .empty : .text(note)]
            }
            try writer.appendRow(cells, number: row.number, bold: row.number == headerRow)
        }
        return try writer.finish() ?? Data()
    }

    /// One past the last column holding a value in any row.
    private static func width(_ rows: [[String]]) -> Int {
        rows.reduce(0) { widest, cells in max(widest, (cells.lastIndex { !$0.isEmpty } ?? -1) + 1) }
    }

    /// The first `width` cells (any beyond are empty, see `width`), padded to `width`.
    private static func padded<Cell>(_ cells: [Cell], to width: Int, filler: Cell) -> [Cell] {
        Array(cells.prefix(width)) + [Cell](repeating: filler, count: max(0, width - cells.count))
    }
}
