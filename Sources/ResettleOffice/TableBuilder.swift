import Foundation

/// Turns raw spreadsheet rows into `TableRow`s: finds the header among the first rows, maps the
/// expected columns, trims values, skips blank rows, flags damaged numbers, enforces `maxRows`.
/// Shared by the CSV and XLSX paths so that both behave identically.
struct TableBuilder {
    /// Rows above the header that may hold titles, units, notes, e.g. "XX 县移民后期扶持人口核定表".
    static let headerScanRows = 20

    let fileName: String
    let columns: [ColumnSpec]
    let limits: FileLimits
    private let aliases: [String: Int]

    private(set) var headerRowNumber: Int?
    private(set) var presentColumns: Set<String> = []
    private(set) var warnings: [TableIssue] = []
    private(set) var rowCount = 0
    private var columnMap: [Int] = []  // spec index → raw column index, or -1
    private var scannedRows = 0
    private var bestCandidate: (row: Int, keys: Set<String>)?

    init(fileName: String, columns: [ColumnSpec], limits: FileLimits) {
        self.fileName = fileName
        self.columns = columns
        self.limits = limits
        var aliases: [String: Int] = [:]
        for (index, spec) in columns.enumerated() {
            for name in spec.names + [spec.key] where aliases[TableBuilder.normalizeHeader(name)] == nil {
                aliases[TableBuilder.normalizeHeader(name)] = index
            }
        }
        self.aliases = aliases
    }

    /// Feeds one raw row; calls `emit` for data rows once the header is known.
    mutating func accept(
        number: Int, raw: [String], damagedRaw: [Int],
        emit: (TableRow) throws(TableIssue) -> Void
    ) throws(TableIssue) {
        guard headerRowNumber != nil else {
            try considerHeader(number: number, raw: raw)
            return
        }
        var blank = true
        for cell in raw where !TableBuilder.trim(cell).isEmpty {
            blank = false
            break
        }
        if blank { return }
        rowCount += 1
        guard rowCount <= limits.maxRows else {
            throw TableIssue(
                file: fileName, row: number, code: "too_many_rows",
                message: "数据行数超过上限 \(limits.maxRows) 行，请拆分文件后分批导入。")
        }
        var cells = [String]()
        cells.reserveCapacity(columnMap.count)
        var damaged = Set<Int>()
        for (specIndex, rawIndex) in columnMap.enumerated() {
            guard rawIndex >= 0, rawIndex < raw.count else {
                cells.append("")
                continue
            }
            let value = TableBuilder.trim(raw[rawIndex])
            if damagedRaw.contains(rawIndex) || XLSXNumberText.isScientificDamage(value) {
                damaged.insert(specIndex)
                let name = columns[specIndex].canonicalName
                warnings.append(
                    TableIssue(
                        file: fileName, row: number, column: name, code: "damaged_number",
                        message:
                            "第 \(number) 行“\(name)”列：值 \(value) 是被 Excel 按数字保存的长号码，只保留了 15 位有效数字，后几位已丢失、无法还原；请将该列设置为“文本”格式后重新录入正确号码。"
                    ))
            }
            cells.append(value)
        }
        try emit(TableRow(rowNumber: number, cells: cells, damagedCells: damaged))
    }

    /// Call after the last row; throws when no header was found.
    func finish() throws(TableIssue) {
        guard headerRowNumber == nil else { return }
        guard scannedRows > 0 else { throw TableIssue.emptyFile(fileName) }
        throw missingColumns(found: bestCandidate?.keys ?? [], row: bestCandidate?.row)
    }

    private mutating func considerHeader(number: Int, raw: [String]) throws(TableIssue) {
        var keys = Set<String>()
        var positions: [Int: Int] = [:]  // spec index → raw column
        var duplicate: Int?
        for (column, cell) in raw.enumerated() {
            let normalized = TableBuilder.normalizeHeader(cell)
            guard !normalized.isEmpty else { continue }
            guard let spec = aliases[normalized] else { continue }
            if positions[spec] != nil { duplicate = spec }
            positions[spec] = positions[spec] ?? column
            keys.insert(columns[spec].key)
        }
        if raw.allSatisfy({ TableBuilder.trim($0).isEmpty }) { return }
        scannedRows += 1
        let required = columns.filter(\.required).map(\.key)
        let isHeader = !keys.isEmpty && required.allSatisfy { keys.contains($0) }
        if isHeader {
            if let duplicate {
                let name = columns[duplicate].canonicalName
                throw TableIssue(
                    file: fileName, row: number, column: name, code: "duplicate_column",
                    message: "第 \(number) 行表头中“\(name)”列出现了不止一次（含同义列名），请删除多余的列后再导入。")
            }
            headerRowNumber = number
            presentColumns = keys
            columnMap = columns.indices.map { positions[$0] ?? -1 }
            return
        }
        if keys.count > (bestCandidate?.keys.count ?? 0) { bestCandidate = (number, keys) }
        if scannedRows >= TableBuilder.headerScanRows {
            throw missingColumns(found: bestCandidate?.keys ?? [], row: bestCandidate?.row)
        }
    }

    private func missingColumns(found: Set<String>, row: Int?) -> TableIssue {
        let missing = columns.filter { $0.required && !found.contains($0.key) }.map { "“\($0.canonicalName)”" }
        let names = missing.isEmpty ? columns.map { "“\($0.canonicalName)”" } : missing
        let place = row.map { "（最接近表头的是第 \($0) 行）" } ?? ""
        return TableIssue(
            file: fileName, row: row, code: "missing_column",
            message:
                "在前 \(TableBuilder.headerScanRows) 行中没有找到包含所有必需列的表头\(place)，缺少列：\(names.joined(separator: "、"))。请检查表头名称是否与模板一致。"
        )
    }

    // MARK: Normalization

    /// Header comparison form: no whitespace at all, no trailing required-marks, ASCII lowercase.
    static func normalizeHeader(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isSpace(scalar) {
            let value = scalar.value
            scalars.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
        }
        var result = String(scalars)
        while result.hasSuffix("*") || result.hasSuffix("＊") { result.removeLast() }
        while result.hasPrefix("*") || result.hasPrefix("＊") { result.removeFirst() }
        return result
    }

    /// Removes surrounding ASCII whitespace and full-width spaces (U+3000); returns the same
    /// string without copying when there is nothing to trim (the common case).
    static func trim(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        if !isSpaceLead(first) && !isSpaceTail(last) { return text }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    @inline(__always)
    private static func isSpaceLead(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == 0xE3 || byte == 0xC2 }
    @inline(__always)
    private static func isSpaceTail(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == 0x80 || byte == 0xA0 }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x3000, 0xFEFF: return true
        default: return false
        }
    }
}
