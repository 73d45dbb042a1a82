import Fluent
import Foundation
import ResettleOffice
import Vapor

/// Refused register uploads: kept when the import refuses them, and given back — the error list
/// and the user's own file with a 错误说明 column — only to users who may see that import.
enum ImportRefusals {
    static let purpose = "register_import"
    /// The archive's purpose for a refused file, apart from imported ones ("register_import").
    static let archivePurpose = "register_import_refused"
    /// The title of the column added to the user's file.
    static let noteColumn = "错误说明"

    /// The error list of the refused upload `id`, from an address that does not change.
    static func errorsPath(_ id: UUID) -> String { RegisterImportRoutes.refusalErrors(id) }
    /// The uploaded file with the 错误说明 column, from an address that does not change.
    static func annotatedPath(_ id: UUID) -> String { RegisterImportRoutes.refusalAnnotated(id) }

    /// Archives the refused file and its problems; returns the archived file's id.
    static func keep(
        _ report: RegisterImportReport, data: Data, user: User, gate: WriteGate, on db: any Database
    ) async throws -> UUID {
        let issues = report.errors.map {
            ImportRefusal.Issue(row: $0.row, column: $0.column, code: $0.code, message: $0.message)
        }
        let json = String(decoding: try JSONEncoder().encode(issues), as: UTF8.self)
        let township = AccessScope(user: user).townshipCode
        return try await gate.write(on: db) { tx, audit in
            let (id, sha) = try await FileArchive.keep(
                data, fileName: report.fileName, purpose: archivePurpose, direction: "in", actor: user.username, on: tx)
            let refusal = ImportRefusal()
            refusal.id = id
            refusal.purpose = purpose
            refusal.fileName = report.fileName
            refusal.actor = user.username
            refusal.townshipCode = township
            refusal.headerRow = report.headerRowNumber
            refusal.errorCount = report.errors.count
            refusal.issuesJSON = json
            try await refusal.create(on: tx)
            audit.record(
                actor: user.username, action: "register.import_refused", entity: "file", entityID: id.uuidString,
                townshipCode: township, before: nil,
                after: Refused(fileName: report.fileName, sha256: sha, errors: report.errors.count))
            return id
        }
    }

    private struct Refused: Codable, Sendable {
        var fileName: String
        var sha256: String
        var errors: Int
    }

    /// The refusal `id` if `user` may see it. Outside the uploader's township scope it answers
    /// 404 (a township user does not learn that a county upload exists); inside it, a role that
    /// may not import answers 403, as the import page does.
    static func find(_ id: UUID?, for user: User, on db: any Database) async throws -> ImportRefusal {
        guard let id, let refusal = try await ImportRefusal.find(id, on: db), refusal.purpose == purpose else {
            throw ResettleError.notFound
        }
        if let own = AccessScope(user: user).townshipCode, refusal.townshipCode != own { throw ResettleError.notFound }
        guard RegisterImportCapability.roles.contains(user.roleValue) else { throw ResettleError.forbidden }
        return refusal
    }

    /// The errors of each row for the added column, several joined with "；".
    static func notes(_ issues: [some ImportIssue]) -> [Int: String] {
        var messages: [Int: [String]] = [:]
        for issue in issues where issue.row > 0 { messages[issue.row, default: []].append(issue.message) }
        return messages.mapValues { $0.joined(separator: "；") }
    }

    /// The user's file with the 错误说明 column, in its own format and encoding.
    static func annotatedCopy(
        of data: Data, fileName: String, headerRow: Int, issues: [some ImportIssue]
    ) throws -> (data: Data, format: TableFormat) {
        try AnnotatedCopy.make(data, fileName: fileName, headerRow: headerRow, title: noteColumn, notes: notes(issues))
    }

    /// `名册.xlsx` → `名册-错误说明.xlsx`; the extension follows the content, which decided the format.
    static func annotatedName(_ fileName: String, format: TableFormat) -> String {
        let base = (fileName as NSString).deletingPathExtension
        return (base.isEmpty ? "导入文件" : base) + "-\(noteColumn)." + (format == .xlsx ? "xlsx" : "csv")
    }

    static func errorListName(_ fileName: String) -> String {
        let base = (fileName as NSString).deletingPathExtension
        return (base.isEmpty ? "导入文件" : base) + "-错误清单.csv"
    }

    /// The annotated copy of refusal `refusal` as a download.
    static func annotatedDownload(_ refusal: ImportRefusal, on db: any Database) async throws -> Response {
        guard refusal.headerRow > 0 else {
            throw ResettleError.invalidInput(
                "文件“\(refusal.fileName)”未能按表格读取（\(try refusal.issues().first?.message ?? "")），没有可标注的行，请查看错误清单")
        }
        guard let file = try await ArchivedFile.find(refusal.id, on: db) else { throw ResettleError.notFound }
        let copy = try annotatedCopy(
            of: try await FileArchive.content(of: file, on: db), fileName: refusal.fileName,
            headerRow: refusal.headerRow, issues: try refusal.issues())
        return noStore(
            download(
                copy.data, name: annotatedName(refusal.fileName, format: copy.format), type: contentType(copy.format)))
    }

    static func errorListDownload(_ refusal: ImportRefusal) throws -> Response {
        noStore(
            download(
                ImportIssueList.peopleCSV(try refusal.issues()), name: errorListName(refusal.fileName),
                type: "text/csv; charset=utf-8"))
    }

    /// A CSV's charset is the upload's encoding, so a browser showing the file reads it right.
    private static func contentType(_ format: TableFormat) -> String {
        switch format {
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv(.gb18030): return "text/csv; charset=gb18030"
        case .csv(.utf16LE): return "text/csv; charset=utf-16le"
        case .csv(.utf16BE): return "text/csv; charset=utf-16be"
        case .csv(.utf8), .csv(.utf8BOM): return "text/csv; charset=utf-8"
        }
    }

    /// The files name resettled people: no proxy or browser cache keeps them.
    private static func noStore(_ response: Response) -> Response {
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
