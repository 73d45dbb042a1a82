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
            let detail = JobDetail(issues: issues.map(FileIssueRow.init), issueCount: total)
            return .refused("文件未导入：\(fileName) 共 \(total) 处问题，须全部改正后重新导入（未写入任何数据）", detail: detail)
        }
    }
}
