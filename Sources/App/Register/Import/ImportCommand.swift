import Fluent
import Foundation
import Vapor

/// `resettle import regions FILE` and
/// `resettle import people FILE [--errors REPORT.csv] [--annotated COPY]`.
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
            let outcome = CommandLineOutcome<RegisterImportReport>()
            let fileName = url.lastPathComponent
            let job = try await CommandLineJob.run(
                app,
                .init(kind: .registerImport, title: RegisterImportJob.title(fileName), actor: "cli", townshipCode: nil)
                { progress in
                    let (report, _) = try await RegisterImportJob.run(
                        fileURL: url, fileName: fileName, actor: "cli", refusedBy: nil, progress: progress, db: app.db,
                        gate: app.writeGate)
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
        default:
            throw ResettleCommandError("未知的导入类型 \(signature.what)（可用：regions、people）")
        }
    }

    /// The first errors on the console in Chinese; the report file for scripts, with the codes.
    private func writeErrors(_ issues: [some ImportIssue], to path: String?, console: any Console) throws {
        for issue in ImportIssueList.sorted(issues).prefix(30) {
            console.error("第\(issue.row)行 \(issue.column) [\(issue.code.chinese)] \(issue.message)")
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
