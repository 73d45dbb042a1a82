import Fluent
import Foundation
import Vapor

/// `resettle import regions FILE` and
/// `resettle import people FILE [--errors REPORT.csv] [--annotated COPY]
///     [--by USERNAME --notice-start DATE --notice-end DATE [--notice-reason TEXT] [--evidence TEXT]]`.
///
/// Into an empty register the people are loaded 在册 (建库, done on the server itself). Into a
/// register that holds people each is filed as an addition request (调增) under `--by`, the staff
/// member who files it, with the notice given, exactly as from the import page.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "regions | people")
        var what: String
        @Argument(name: "file", help: "CSV (UTF-8 or GBK) or XLSX file")
        var file: String
        @Option(name: "errors", help: "Where to write the error report CSV (row,column,code,message)")
        var errors: String?
        @Option(
            name: "annotated",
            help: "people: where to write a refused file back with a 错误说明 column (same format and encoding)")
        var annotated: String?
        @Option(name: "by", help: "people, into a register that holds people: the staff member who files the additions")
        var by: String?
        @Option(name: "notice-start", help: "people, with --by: the additions' notice, first day (YYYY-MM-DD)")
        var noticeStart: String?
        @Option(name: "notice-end", help: "people, with --by: the additions' notice, last day (YYYY-MM-DD)")
        var noticeEnd: String?
        @Option(name: "notice-reason", help: "people, with --by: why the notice started before today")
        var noticeReason: String?
        @Option(name: "evidence", help: "people, with --by: the additions' evidence")
        var evidence: String?
    }

    var help: String { "Imports regions or the register of people from a file (all or nothing)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let url = URL(fileURLWithPath: signature.file)
        guard FileManager.default.isReadableFile(atPath: url.path),
            let data = try? Data(contentsOf: url, options: .alwaysMapped)
        else {
            throw ResettleCommandError("无法读取文件 \(signature.file)")
        }
        switch signature.what {
        case "regions":
            let report = try await RegionImporter(db: app.db, gate: app.writeGate, actor: "cli")
                .run(data: data, fileName: url.lastPathComponent)
            if !report.errors.isEmpty {
                try writeErrors(report.errors, to: signature.errors, console: context.console)
                throw ResettleCommandError("导入失败：\(report.errors.count) 处错误，未写入任何数据")
            }
            context.console.print("行政区划导入完成：新增 \(report.added)，更名 \(report.renamed)，未变 \(report.unchanged)")
        case "people":
            let filing = try await Self.filing(signature, app: app)
            let outcome = CommandLineOutcome<RegisterImportReport>()
            let fileName = url.lastPathComponent
            let job = try await CommandLineJob.run(
                app,
                .init(kind: .registerImport, title: RegisterImportJob.title(fileName), actor: "cli", townshipCode: nil)
                { progress in
                    let (report, _) = try await RegisterImportJob.run(
                        fileURL: url, fileName: fileName, actor: filing.actor, filing: filing.filing, refusedBy: nil,
                        progress: progress, db: app.db, gate: app.writeGate)
                    outcome.value = report
                    return RegisterImportJob.result(report, refusalID: nil)
                })
            let report = try outcome.require(job)
            for warning in report.warnings.prefix(20) {
                context.console.warning("第\(warning.row)行 \(warning.column)：\(warning.message)")
            }
            if report.warnings.count > 20 { context.console.warning("……共 \(report.warnings.count) 条提示") }
            guard report.succeeded else {
                try writeErrors(report.errors, to: signature.errors, console: context.console)
                if let path = signature.annotated, report.format != nil {
                    let copy = try ImportRefusals.annotatedCopy(
                        of: data, fileName: url.lastPathComponent, headerRow: report.headerRowNumber,
                        issues: report.errors)
                    try copy.data.write(to: URL(fileURLWithPath: path))
                    context.console.print("已写入原文件加“错误说明”列：\(path)")
                }
                throw ResettleCommandError("导入失败：\(url.lastPathComponent) 共 \(report.errors.count) 处错误，未写入任何数据")
            }
            let rate = report.seconds > 0 ? Int(Double(report.peopleWritten) / report.seconds) : 0
            context.console.print(
                "导入完成：\(report.rowCount) 行，新增 \(report.peopleWritten) 人、\(report.householdsWritten) 户，用时 \(String(format: "%.2f", report.seconds)) 秒（\(rate) 行/秒）"
            )
            if !report.newReservoirs.isEmpty {
                context.console.print("新增水库：\(report.newReservoirs.joined(separator: "、"))")
            }
            if let notice = report.additionNotice {
                context.console.print("已为每人提出调增申请（\(report.peopleWritten) 条），公示至 \(notice.end.iso)，待乡镇审核、县级审批")
            }
        default:
            throw ResettleCommandError("未知的导入类型 \(signature.what)（可用：regions、people）")
        }
    }

    /// On the server itself, or filed by `--by` with the notice given (checked as on the page).
    private static func filing(_ s: Signature, app: Application) async throws -> (
        filing: RegisterImportFiling, actor: String
    ) {
        guard let name = s.by else {
            guard s.noticeStart == nil, s.noticeEnd == nil else {
                throw ResettleCommandError("公示日期须与 --by（提出调增申请的工作人员）一起给出")
            }
            return (.onServer, "cli")
        }
        guard let user = try await User.query(on: app.db).filter(\.$username == name).first(), user.isActive else {
            throw ResettleCommandError("没有可用的用户 \(name)")
        }
        guard user.roleValue.canEditRegister else {
            throw ResettleCommandError("用户 \(name)（\(user.roleValue.chinese)）不能提出调增申请")
        }
        var fields = ["notice_start": s.noticeStart ?? "", "notice_end": s.noticeEnd ?? ""]
        fields["notice_reason"] = s.noticeReason
        fields["evidence"] = s.evidence
        do {
            let filing = try await RegisterImportForm.filing(
                fields, user: user, service: ChangeService(db: app.db, gate: app.writeGate, user: user))
            return (filing, user.username)
        } catch let error as ResettleError {
            throw ResettleCommandError(error.reason)
        }
    }

    /// The first errors on the console in Chinese; the report file for scripts, with the codes.
    private func writeErrors(_ issues: [some ImportIssue], to path: String?, console: any Console) throws {
        for issue in ImportIssueList.sorted(issues).prefix(30) {
            // A problem of the whole file (row 0) names no row.
            let place = issue.row > 0 ? "第\(issue.row)行 \(issue.column) " : ""
            console.error("\(place)[\(issue.code.chinese)] \(issue.message)")
        }
        if issues.count > 30 { console.error("……共 \(issues.count) 处错误") }
        if let path {
            try CSVFile.write(ImportIssueList.scriptRows(issues), to: path)
            console.print("错误清单已写入 \(path)")
        }
    }
}

package struct ResettleCommandError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
