import Foundation
import Vapor

/// How a bank-result job ended, as its page shows it.
enum BankResultJob {
    static func result(
        _ outcome: BankResultImporter.Outcome, roll: PaymentRoll, data: Data, fileName: String, logger: Logger
    ) throws -> JobResult {
        let rollID = try roll.requireID()
        switch outcome {
        case .imported(let resultID, let rows, let differences, let seconds):
            PendingUploads.remove(sha256: Secrets.sha256Hex(data))
            logger.info("bank result \(fileName): rows=\(rows) differences=\(differences) in \(seconds)s")
            return JobResult(path: BankResultRoutes.show(resultID), summary: "已导入银行结果 \(rows) 行，差异 \(differences) 处")
        case .needsMapping(_, let message):
            // Kept until the user has matched the columns; the job leads to the matching form.
            let sha = try PendingUploads.keep(data)
            let said = message.hasSuffix("。") ? String(message.dropLast()) : message
            return JobResult(
                path: BankResultRoutes.mappingForm(rollID, sha256: sha, name: fileName),
                summary: "\(said)；请为每一项选择文件中对应的列")
        case .refused(let issues, let total):
            return refused(issues, total: total, fileName: fileName)
        }
    }

    static func refused(_ issues: [BankImportIssue], total: Int, fileName: String) -> JobResult {
        let detail = JobDetail(issues: issues.map(FileIssueRow.init), issueCount: total)
        return .refused("文件未导入：\(fileName) 共 \(total) 处问题，须全部改正后重新导入（未写入任何数据）", detail: detail)
    }

    /// How a preview job ended: at the preview (the file kept until it is confirmed), at the
    /// column matching, or refused.
    static func preview(
        _ outcome: BankResultImporter.ReadOutcome, roll: PaymentRoll, data: Data, fileName: String,
        mapping: [String: String]?, actor: String
    ) throws -> JobResult {
        let rollID = try roll.requireID()
        switch outcome {
        case .read(let reading):
            try PendingUploads.keep(data)
            let preview = try BankResultPreview(
                reading: reading, roll: roll, fileName: fileName, mapping: mapping, actor: actor)
            let key = try BankResultPreviews.keep(preview)
            return JobResult(
                path: BankResultRoutes.preview(rollID, key: key),
                summary: "已读取银行结果 \(preview.rowCount) 行，尚未导入：请核对预览后确认导入")
        case .needsMapping(let header, let message):
            return try result(
                .needsMapping(header: header, message: message), roll: roll, data: data, fileName: fileName,
                logger: Logger(label: "bank-result"))
        case .refused(let issues, let total):
            return refused(issues, total: total, fileName: fileName)
        }
    }
}
