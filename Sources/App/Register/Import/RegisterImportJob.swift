import Fluent
import Foundation
import ResettleOffice

/// A register import as a background job: the work, and what its job page shows afterwards.
/// The page and the CLI start the same work; only the page keeps a refused upload for later
/// (`ImportRefusals`), since only it has a signed-in user to give it back to.
enum RegisterImportJob {
    static func title(_ fileName: String) -> String { "导入移民名册 \(fileName)" }

    /// Imports `fileURL` (read mapped, not copied: `MappedFile`), then says how it ended.
    /// `refusedBy`: the signed-in uploader, whose refused file is kept with its problems.
    /// `filing`: who may build the register and who files the additions of a later import.
    static func run(
        fileURL: URL, fileName: String, actor: String, filing: RegisterImportFiling, refusedBy user: User?,
        progress: JobProgress, db: any Database, gate: WriteGate
    ) async throws -> (report: RegisterImportReport, refusalID: UUID?) {
        let file = try MappedFile(fileURL)
        var importer = RegisterImporter(db: db, gate: gate, actor: actor, filing: filing)
        importer.progress = progress
        let report = try await importer.run(file: file, fileName: fileName)
        guard !report.succeeded, let user else { return (report, nil) }
        return (report, try await ImportRefusals.keep(report, data: file.data, user: user, gate: gate, on: db))
    }

    /// The job's outcome: an imported file's figures and warnings, or a refusal with its
    /// problems and, for a kept upload, the error list and the user's own file with a
    /// 错误说明 column to download.
    static func result(_ report: RegisterImportReport, refusalID: UUID?) -> JobResult {
        let warnings = report.warnings.map(FileIssueRow.init)
        guard report.succeeded else {
            var downloads: [JobDetail.Download] = []
            if let id = refusalID {
                if let format = report.format {
                    downloads.append(
                        .init(
                            label: "下载原文件（每行加“错误说明”列）：\(ImportRefusals.annotatedName(report.fileName, format: format))",
                            path: ImportRefusals.annotatedPath(id), id: "annotated-file"))
                }
                downloads.append(.init(label: "下载错误清单（CSV）", path: ImportRefusals.errorsPath(id), id: "error-list"))
            }
            let issues = ImportIssueList.sorted(report.errors).map(FileIssueRow.init)
            return .refused(
                "导入失败：\(report.fileName) 共发现 \(report.errors.count) 处错误，未写入任何数据。",
                detail: JobDetail(issues: issues, warnings: warnings, downloads: downloads))
        }
        var summary =
            "导入成功：\(report.fileName) 共 \(report.rowCount) 行，新增 \(report.peopleWritten) 人、\(report.householdsWritten) 户，用时 \(String(format: "%.1f", report.seconds)) 秒。"
        if let notice = report.additionNotice {
            summary +=
                "已为每人提出调增申请（共 \(report.peopleWritten) 条），公示至\(notice.end.chinese)；公示期满后经乡镇审核、县级审批，批准后在册。"
        }
        if !report.newReservoirs.isEmpty { summary += "新增水库：" + report.newReservoirs.joined(separator: "、") + "。" }
        return JobResult(summary: summary, detail: warnings.isEmpty ? nil : JobDetail(warnings: warnings))
    }
}
