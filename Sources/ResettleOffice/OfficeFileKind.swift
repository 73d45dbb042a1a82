import Foundation

/// What an uploaded file is, decided from its first bytes rather than its extension (clerks
/// rename files, and WPS saves .xls files that are really XLSX or HTML).
public enum OfficeFileKind: Equatable {
    case empty
    case zip
    case ole
    case text

    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Whether `data` is read as a workbook (ZIP), by the same test as every import's.
    public static func isWorkbook(_ data: Data) -> Bool {
        (try? detect(ByteSource(data: data, fileName: ""))) == .zip
    }

    static func detect(_ source: ByteSource) throws(TableIssue) -> OfficeFileKind {
        guard source.count > 0 else { return .empty }
        let head = try source.bytes(at: 0, length: min(8, source.count))
        if head.count >= 4, head[0] == 0x50, head[1] == 0x4B,
            (head[2] == 0x03 && head[3] == 0x04) || (head[2] == 0x05 && head[3] == 0x06)
        {
            return .zip
        }
        if head == oleMagic { return .ole }
        return .text
    }

    static func checkSize(_ source: ByteSource, limits: FileLimits) throws(TableIssue) {
        guard source.count <= limits.maxFileBytes else {
            throw TableIssue(
                file: source.fileName, code: "file_too_large",
                message: "文件大小 \(source.count / 1_048_576) MB 超过上限 \(limits.maxFileBytes / 1_048_576) MB，请拆分后再导入。")
        }
    }

    /// What a table is read as, `.zip` (XLSX) or `.text` (CSV); anything else — too large,
    /// empty, an OLE file, text named .xlsx — throws the issue that says why it cannot be read.
    /// One decision for every reader of a user's table (`TableReader`, `AnnotatedCopy`).
    static func table(_ source: ByteSource, limits: FileLimits) throws(TableIssue) -> OfficeFileKind {
        try checkSize(source, limits: limits)
        switch try detect(source) {
        case .empty:
            throw TableIssue.emptyFile(source.fileName)
        case .ole:
            throw try OLEContainer.classify(source)
        case .zip:
            return .zip
        case .text:
            let lowered = source.fileName.lowercased()
            if lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm") {
                throw TableIssue(
                    file: source.fileName, code: "not_a_zip",
                    message:
                        "文件扩展名是 .xlsx，但内容不是 Excel 工作簿（不是 ZIP 格式），文件可能已损坏或被改了扩展名；请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入。"
                )
            }
            return .text
        }
    }

    /// Throws the precise issue for anything that is not a ZIP (used by `XLSXReader`).
    static func requireZip(_ source: ByteSource, limits: FileLimits) throws(TableIssue) {
        try checkSize(source, limits: limits)
        switch try detect(source) {
        case .zip: return
        case .empty: throw TableIssue.emptyFile(source.fileName)
        case .ole: throw try OLEContainer.classify(source)
        case .text:
            throw TableIssue(
                file: source.fileName, code: "not_a_zip",
                message: "文件内容不是 Excel 工作簿（.xlsx 应为 ZIP 格式），可能是改了扩展名的其他文件；请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入。")
        }
    }
}

/// Classification of OLE compound files (Microsoft's pre-2007 container).
///
/// A password-protected XLSX is not a ZIP at all: Excel wraps it in an OLE file holding an
/// `EncryptedPackage` stream. Anything else in OLE is an old binary workbook (.xls) or another
/// legacy Office file. Directory entries are 128-byte records whose first 64 bytes are the
/// UTF-16LE name and whose byte 64 is the name length, at 128-byte aligned offsets, so a scan of
/// aligned positions is exact enough without walking the FAT chains.
enum OLEContainer {
    static func classify(_ source: ByteSource) throws(TableIssue) -> TableIssue {
        let names = try directoryNames(source)
        if names.contains("EncryptedPackage") || names.contains("EncryptionInfo") {
            return TableIssue(
                file: source.fileName, code: "encrypted_workbook",
                message: "工作簿设置了打开密码（已加密），无法读取；请在 Excel/WPS 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx 再导入。")
        }
        if names.contains("Workbook") || names.contains("Book") {
            return TableIssue(
                file: source.fileName, code: "legacy_xls",
                message: "这是旧版 Excel 97-2003 工作簿（.xls），暂不支持直接导入；请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入。")
        }
        return TableIssue(
            file: source.fileName, code: "legacy_xls",
            message: "这是旧版 Office 二进制文件（如 .doc/.xls），不是可导入的表格；请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入。")
    }

    /// Names of the directory entries found at 128-byte aligned offsets.
    static func directoryNames(_ source: ByteSource) throws(TableIssue) -> Set<String> {
        var names = Set<String>()
        let chunkSize = 1 << 20
        var offset = 512  // the 512-byte header never holds directory entries
        while offset + 128 <= source.count {
            let length = min(chunkSize, (source.count - offset) / 128 * 128)
            let chunk = try source.bytes(at: offset, length: length)
            var entry = 0
            while entry + 128 <= chunk.count {
                let nameLength = chunk.le16(entry + 64)
                // Entry type at byte 66: 1 storage, 2 stream, 5 root.
                let type = chunk[entry + 66]
                if nameLength >= 4, nameLength <= 64, nameLength % 2 == 0, type == 1 || type == 2 || type == 5,
                    chunk[entry + nameLength - 2] == 0, chunk[entry + nameLength - 1] == 0
                {
                    var units: [UInt16] = []
                    var valid = true
                    for index in stride(from: 0, to: nameLength - 2, by: 2) {
                        let unit = UInt16(chunk[entry + index]) | UInt16(chunk[entry + index + 1]) << 8
                        if unit == 0 {
                            valid = false
                            break
                        }
                        units.append(unit)
                    }
                    if valid { names.insert(String(decoding: units, as: UTF16.self)) }
                }
                entry += 128
            }
            offset += length
        }
        return names
    }
}
