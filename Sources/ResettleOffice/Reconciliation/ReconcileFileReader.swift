import Foundation

/// Reads one roll or bank file into a `ReconcileRowStore`, through the same front door as every
/// import: the format is decided by content (`OfficeFileKind`), never by extension.
///
/// A plain CSV file takes `ReconcileCSVReader`, which decodes and scans the bytes in place
/// (a million rows in a fraction of a second). Everything else (XLSX, and the files that are
/// refused: empty, legacy .xls, encrypted, a renamed non-workbook) goes through
/// `TableReader.forEachRow`, so its handling and its messages are exactly the importer's.
enum ReconcileFileReader {
    /// What reading one file produced: the rows, unless the file had issues.
    struct Outcome: Sendable {
        var rows: ReconcileRowStore?
        var issues: ReconcileIssueList
    }

    static func read(_ input: ReconcileInput, layout: ReconcileLayout, limits: FileLimits) -> Outcome {
        var issues = ReconcileIssueList()
        do throws(TableIssue) {
            let rows = try read(input, layout: layout, limits: limits, issues: &issues)
            return Outcome(rows: issues.isEmpty ? rows : nil, issues: issues)
        } catch {
            issues.add(error)
            return Outcome(rows: nil, issues: issues)
        }
    }

    private static func read(
        _ input: ReconcileInput, layout: ReconcileLayout, limits: FileLimits,
        issues: inout ReconcileIssueList
    ) throws(TableIssue) -> ReconcileRowStore {
        let source: ByteSource
        switch input.source {
        case .file(let url): source = try ByteSource(url: url)
        case .data(let data): source = ByteSource(data: data, fileName: input.fileName)
        }
        try OfficeFileKind.checkSize(source, limits: limits)
        let lowered = input.fileName.lowercased()
        let namedWorkbook = lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm")
        if try OfficeFileKind.detect(source) == .text && !namedWorkbook {
            var bytes = [UInt8](repeating: 0, count: source.count)
            try typed(TableIssue.self) {
                try bytes.withUnsafeMutableBytes { buffer in try source.read(at: 0, into: buffer) }
            }
            return try ReconcileCSVReader.read(
                consume bytes, fileName: input.fileName, layout: layout, limits: limits, issues: &issues)
        }
        return try readTable(input, layout: layout, limits: limits, issues: &issues)
    }

    /// The general path: rows as `TableReader` gives them, trimmed and with damaged numbers
    /// flagged, copied into the store.
    private static func readTable(
        _ input: ReconcileInput, layout: ReconcileLayout, limits: FileLimits,
        issues: inout ReconcileIssueList
    ) throws(TableIssue) -> ReconcileRowStore {
        var store = ReconcileRowStore(fieldsPerRow: layout.textFieldCount)
        let check = ReconcileRowCheck(fileName: input.fileName, layout: layout)
        let idColumn = layout.textColumns[ReconcileLayout.idField]
        let cardColumn = layout.textColumns[ReconcileLayout.cardField]
        // A local function rather than a closure value: it may then update `issues` in place,
        // so that row issues found before a file-level failure are kept.
        func accept(_ row: TableRow) {
            var id = row[idColumn]
            var card = row[cardColumn]
            var amount = row[layout.amountColumn]
            let fen = id.withUTF8 { idBytes in
                card.withUTF8 { cardBytes in
                    amount.withUTF8 { amountBytes in
                        check.check(
                            rowNumber: row.rowNumber, id: idBytes, card: cardBytes, amount: amountBytes,
                            idDamaged: row.isDamaged(idColumn), cardDamaged: row.isDamaged(cardColumn),
                            issues: &issues)
                    }
                }
            }
            guard let fen else { return }
            store.append(texts: layout.textColumns.map { row[$0] }, amountFen: fen, shardHash: IDShard.hash(id))
        }
        switch input.source {
        case .file(let url):
            try TableReader.forEachRow(contentsOf: url, columns: layout.columns, limits: limits, accept)
        case .data(let data):
            try TableReader.forEachRow(data, fileName: input.fileName, columns: layout.columns, limits: limits, accept)
        }
        return store
    }
}
