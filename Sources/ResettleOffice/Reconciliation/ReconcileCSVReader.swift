import Foundation

/// The fast path for CSV roll and bank files: decodes the file once (not at all when it is UTF-8
/// already), scans it in place with `CSVFieldScanner` and copies only the cells reconciliation
/// uses into the row store, so a row costs no String and no array of cells.
///
/// Behaviour is the table front door's, piece by piece: encoding detection as `TextDecoding`
/// (same order, same `unknown_encoding` issue), header detection by `TableBuilder` itself,
/// cells trimmed of the same blanks as `TableBuilder.trim`, blank rows skipped, `maxRows`
/// enforced with the same `too_many_rows` issue, and `4.30582E+17` recognised as a rounded
/// number as `TableBuilder` does.
enum ReconcileCSVReader {
    /// `fileBytes` is consumed: the scan modifies it in place (unescaping quoted fields), and any
    /// other reference to it would make that copy the whole file first.
    static func read(
        _ fileBytes: consuming [UInt8], fileName: String, layout: ReconcileLayout, limits: FileLimits,
        issues: inout ReconcileIssueList
    ) throws(TableIssue) -> ReconcileRowStore {
        var bytes = consume fileBytes
        let start: Int
        if let textStart = utf8Start(bytes) {
            start = textStart
        } else {
            bytes = try TextDecoding.utf8Bytes(Data(bytes), fileName: fileName).0
            start = 0
        }
        guard bytes.count <= Int(UInt32.max) else {
            throw TableIssue(
                file: fileName, code: "file_too_large",
                message: "文件解码后超过 4 GB，请拆分后再对账。")
        }
        var store = ReconcileRowStore(fieldsPerRow: layout.textFieldCount, expectedBytes: bytes.count)
        try typed(TableIssue.self) {
            try bytes.withUnsafeMutableBufferPointer { buffer in
                try scan(
                    buffer, start: start, fileName: fileName, layout: layout, limits: limits,
                    into: &store, issues: &issues)
            }
        }
        return store
    }

    /// Where the text starts when the file is UTF-8 already (after a byte-order mark, if any);
    /// nil when it must go through `TextDecoding.utf8Bytes`. The decision is exactly
    /// `TextDecoding`'s (a byte-order mark first, then valid UTF-8, then GB18030); deciding it
    /// here lets UTF-8 input be used as it is instead of copied, which for a large file would be
    /// the biggest allocation of all.
    static func utf8Start(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw in
            let count = raw.count
            if count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF {
                return TextDecoding.isValidUTF8(UnsafeRawBufferPointer(rebasing: raw[3...])) ? 3 : nil
            }
            let otherMark =
                (count >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF)))
                || (count >= 4 && raw[0] == 0x84 && raw[1] == 0x31 && raw[2] == 0x95 && raw[3] == 0x33)
            return !otherMark && TextDecoding.isValidUTF8(raw) ? 0 : nil
        }
    }

    private static func scan(
        _ buffer: UnsafeMutableBufferPointer<UInt8>, start: Int, fileName: String,
        layout: ReconcileLayout, limits: FileLimits, into store: inout ReconcileRowStore,
        issues: inout ReconcileIssueList
    ) throws(TableIssue) {
        var scanner = CSVFieldScanner(buffer, start: start, fileName: fileName)
        var fields: [CSVFieldScanner.Span] = []
        fields.reserveCapacity(32)
        let text = UnsafeBufferPointer(buffer)
        func cell(_ span: CSVFieldScanner.Span) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: text[Int(span.start)..<Int(span.start + span.length)])
        }

        // Header: the records above it go to `TableBuilder` as Strings, so the header is found
        // (and refused) by the importer's own rules. There are at most 20 of them.
        var builder = TableBuilder(fileName: fileName, columns: layout.columns, limits: limits)
        var rawColumns: [Int] = []
        while builder.headerRowNumber == nil {
            guard try scanner.next(into: &fields) else {
                try builder.finish()
                return
            }
            let raw = fields.map { String(decoding: cell($0), as: UTF8.self) }
            try builder.accept(number: scanner.recordNumber, raw: raw, damagedRaw: []) { _ in }
            if builder.headerRowNumber != nil { rawColumns = columnPositions(header: raw, columns: layout.columns) }
        }

        let check = ReconcileRowCheck(fileName: fileName, layout: layout)
        let textColumns = layout.textColumns.map { rawColumns[$0] }
        let amountColumn = rawColumns[layout.amountColumn]
        var rowFields = [UnsafeBufferPointer<UInt8>](
            repeating: cell(.init(start: 0, length: 0)), count: textColumns.count)
        var rowCount = 0
        while try scanner.next(into: &fields) {
            if fields.allSatisfy({ trim($0, in: text).length == 0 }) { continue }
            rowCount += 1
            guard rowCount <= limits.maxRows else {
                throw TableIssue(
                    file: fileName, row: scanner.recordNumber, code: "too_many_rows",
                    message: "数据行数超过上限 \(limits.maxRows) 行，请拆分文件后分批导入。")
            }
            for (slot, column) in textColumns.enumerated() {
                // A short record simply lacks its last cells, as in `TableBuilder`.
                rowFields[slot] = cell(
                    column < fields.count ? trim(fields[column], in: text) : .init(start: 0, length: 0))
            }
            let amount = amountColumn < fields.count ? trim(fields[amountColumn], in: text) : .init(start: 0, length: 0)
            let id = rowFields[ReconcileLayout.idField]
            let card = rowFields[ReconcileLayout.cardField]
            guard
                let fen = check.check(
                    rowNumber: scanner.recordNumber, id: id, card: card, amount: cell(amount),
                    idDamaged: ReconcileRowCheck.looksRounded(id),
                    cardDamaged: ReconcileRowCheck.looksRounded(card), issues: &issues)
            else { continue }
            store.append(fields: rowFields, amountFen: fen, shardHash: IDShard.hash(id))
        }
    }

    /// For each column spec, the position of its header cell (-1 when absent), found as
    /// `TableBuilder` finds it: header text normalised by `TableBuilder.normalizeHeader`, each
    /// spelling belonging to the first spec that lists it, the first matching cell winning.
    /// `TableBuilder` has already accepted this header, so every required column is present.
    static func columnPositions(header: [String], columns: [ColumnSpec]) -> [Int] {
        var aliases: [String: Int] = [:]
        for (index, spec) in columns.enumerated() {
            for name in spec.names + [spec.key] where aliases[TableBuilder.normalizeHeader(name)] == nil {
                aliases[TableBuilder.normalizeHeader(name)] = index
            }
        }
        var positions = [Int](repeating: -1, count: columns.count)
        for (column, cell) in header.enumerated() {
            if let spec = aliases[TableBuilder.normalizeHeader(cell)], positions[spec] < 0 { positions[spec] = column }
        }
        return positions
    }

    /// `span` without the blanks `TableBuilder.trim` removes at either end: ASCII white space
    /// (tab to carriage return, space), U+00A0, U+3000 and U+FEFF.
    @inline(__always)
    static func trim(_ span: CSVFieldScanner.Span, in text: UnsafeBufferPointer<UInt8>) -> CSVFieldScanner.Span {
        var start = Int(span.start)
        var end = start + Int(span.length)
        while start < end {
            let b = text[start]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                start += 1
                continue
            }
            if b == 0xC2, end - start >= 2, text[start + 1] == 0xA0 {
                start += 2
                continue
            }
            if b == 0xE3, end - start >= 3, text[start + 1] == 0x80, text[start + 2] == 0x80 {
                start += 3
                continue
            }
            if b == 0xEF, end - start >= 3, text[start + 1] == 0xBB, text[start + 2] == 0xBF {
                start += 3
                continue
            }
            break
        }
        while end > start {
            let b = text[end - 1]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                end -= 1
                continue
            }
            if b == 0xA0, end - start >= 2, text[end - 2] == 0xC2 {
                end -= 2
                continue
            }
            if b == 0x80, end - start >= 3, text[end - 3] == 0xE3, text[end - 2] == 0x80 {
                end -= 3
                continue
            }
            if b == 0xBF, end - start >= 3, text[end - 3] == 0xEF, text[end - 2] == 0xBB {
                end -= 3
                continue
            }
            break
        }
        return .init(start: UInt32(start), length: UInt32(end - start))
    }
}
