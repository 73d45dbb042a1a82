import Foundation
import ResettleCore
import ResettleOffice
import Vapor

/// `resettle reconcile ROLL BANK --out REPORT.csv`: compares a payment roll with the bank's
/// result, file against file, without touching the database. Exits non-zero, writing no
/// report, when either file has errors; prints the count of each kind of difference.
struct ReconcileCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "roll", help: "the roll: 身份证号,姓名,银行卡号,金额 (CSV or XLSX)")
        var roll: String
        @Argument(name: "bank", help: "the bank's result: 身份证号,姓名,银行卡号,金额/实发金额,状态")
        var bank: String
        @Option(name: "out", help: "where to write kind,id_number,detail")
        var out: String?
    }

    var help: String { "Reconciles a payment roll with a bank result file" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out else { throw ResettleCommandError("请用 --out 指定差异报告文件") }
        let report: ReconciliationReport
        do {
            report = try ReconcileFiles.reconcile(
                rollFile: URL(fileURLWithPath: signature.roll), bankFile: URL(fileURLWithPath: signature.bank),
                output: URL(fileURLWithPath: out))
        } catch {
            for issue in error.issues { context.console.error(issue.description) }
            throw ResettleCommandError("对账失败：共 \(error.totalCount) 处错误，未生成报告")
        }
        context.console.print(
            "花名册 \(report.rollRowCount) 行，银行结果 \(report.paidRowCount) 行，差异 \(report.differences.count) 条")
        for kind in ReconciliationDifference.Kind.allCases {
            if let n = report.counts[kind], n > 0 { context.console.print("  \(kind.rawValue)\t\(n)") }
        }
        if report.isExactMatch { context.console.print("完全匹配") }
        context.console.print("差异报告已写入 \(out)")
    }
}
