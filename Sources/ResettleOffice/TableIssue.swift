import Foundation

/// A problem found while reading a user's file: one type for every import so that the web UI and
/// the CLI can show the same Chinese message with a precise location.
///
/// Codes used by this module (stable, machine-readable):
/// - `empty_file`: 0 bytes, or no non-blank row at all.
/// - `file_too_large`: the file exceeds `FileLimits.maxFileBytes`.
/// - `not_a_zip`: starts like neither ZIP, OLE nor text, or a ZIP without a central directory.
/// - `truncated_zip`: a ZIP whose local headers or data run past the end of the file.
/// - `corrupt_zip`: inconsistent ZIP records, bad deflate data or a CRC mismatch.
/// - `unsupported_zip`: ZIP64, encrypted entries or compression methods other than stored/deflate.
/// - `zip_bomb`: uncompressed size or compression ratio beyond `FileLimits`.
/// - `too_many_entries`: more ZIP entries than `FileLimits.maxEntries`.
/// - `encrypted_workbook`: an OLE container holding an `EncryptedPackage` (password-protected XLSX).
/// - `legacy_xls`: an OLE container that is an old binary Excel 97–2003 workbook.
/// - `not_a_workbook`: a ZIP that is not an XLSX workbook (e.g. a .docx).
/// - `missing_sheet`: the requested sheet does not exist (or the workbook has none).
/// - `malformed_xml`: XML that is not well-formed (also truncated XML parts).
/// - `xml_dtd_forbidden`: a DOCTYPE/ENTITY declaration (entity-expansion attack); never expanded.
/// - `unknown_encoding`: text that is neither valid UTF-8/UTF-16 (with BOM) nor GB18030.
/// - `missing_column`: required header columns not found (all of them named in one issue).
/// - `duplicate_column`: two header cells map to the same column key.
/// - `too_many_rows`: more data rows than `FileLimits.maxRows`.
/// - `damaged_number`: a numeric cell that Excel rounded to 15 significant digits (an ID or
///   bank card typed as a number, or text such as `4.30582E+17`). Reported as a *warning* in
///   `Table.warnings` and flagged on `TableRow.damagedCells`; the importer decides whether to
///   reject the row. The cell text is kept as read so the user can find it.
/// - `unreadable_file`: the file cannot be opened or read.
public struct TableIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// Spreadsheet row number (1-based, as Excel/WPS shows it), if the issue concerns one row.
    public let row: Int?
    /// The column's canonical (first) name, if the issue concerns one column.
    public let column: String?
    public let code: String
    /// Chinese, for users.
    public let message: String

    public init(file: String, row: Int? = nil, column: String? = nil, code: String, message: String) {
        self.file = file
        self.row = row
        self.column = column
        self.code = code
        self.message = message
    }

    /// `file:row:column: message`, leaving out the parts that are unknown.
    public var description: String {
        var location = file
        if let row { location += ":\(row)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}

extension TableIssue {
    static func emptyFile(_ file: String) -> TableIssue {
        TableIssue(file: file, code: "empty_file", message: "文件是空的（0 字节或没有任何内容），请检查是否选错了文件。")
    }

    static func malformedXML(_ file: String, part: String, detail: String) -> TableIssue {
        TableIssue(
            file: file, code: "malformed_xml",
            message: "文件内部的 XML 部件 \(part) 格式错误（\(detail)），文件可能已损坏；请在 Excel/WPS 中打开后重新保存再导入。")
    }

    static func corruptZip(_ file: String, detail: String) -> TableIssue {
        TableIssue(
            file: file, code: "corrupt_zip",
            message: "文件已损坏（\(detail)），无法读取；请在 Excel/WPS 中打开后重新保存再导入。")
    }
}
