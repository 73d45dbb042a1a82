import Foundation
import ResettleCore

/// Reconciles a payment roll file against the bank's result file (issue #4): the one call behind
/// `resettle reconcile ROLL BANK --out REPORT.csv` and the web upload.
///
/// Each file is CSV (UTF-8, GBK/GB18030 or UTF-16, detected) or XLSX, chosen by content. Columns
/// are found by header name (see `ReconcileLayout`): the roll needs 身份证号, 姓名, 银行卡号 (or
/// 卡号) and 金额; the bank file 身份证号, 姓名, 银行卡号, 金额 (or 实发金额) and 状态; English
/// spellings (`id_number`, `name`, `card_number`, `amount`, `amount_paid`, `status`) are also
/// accepted and other columns are ignored. Amounts are 元, parsed by `Money.parseYuan`.
///
/// A file with any problem produces no report: every problem of both files is collected (see
/// `ReconcileFilesError`) so that they can all be fixed at once. The differences themselves are
/// `Reconciler`'s, exactly.
///
/// The two files are read at the same time and the reconciliation runs shard by shard on every
/// core (`ReconcileShards`): a million rows a side reconciles in about a second, in well under
/// 400 MB.
public enum ReconcileFiles {
    /// The differences between `roll` and `bank`, or every problem that stopped the comparison.
    public static func reconcile(
        roll: ReconcileInput, bank: ReconcileInput, statusRule: PaymentStatusRule = .standard,
        limits: FileLimits = .default
    ) throws(ReconcileFilesError) -> ReconciliationReport {
        let layouts = [ReconcileLayout.roll, ReconcileLayout.bank]
        let inputs = [roll, bank]
        let outcomes = Parallel.map(count: 2) { index in
            ReconcileFileReader.read(inputs[index], layout: layouts[index], limits: limits)
        }
        guard let rollRows = outcomes[0].rows, let bankRows = outcomes[1].rows else {
            throw ReconcileIssueList.combined(outcomes[0].issues, outcomes[1].issues)
        }
        return ReconcileShards.reconcile(roll: rollRows, paid: bankRows, reconciler: Reconciler(statusRule: statusRule))
    }

    /// Reconciles two files on disk and writes the report (`ReconciliationReport.csv`: UTF-8,
    /// `kind,id_number,detail`) to `output`; returns the report for its counts.
    @discardableResult
    public static func reconcile(
        rollFile: URL, bankFile: URL, output: URL, statusRule: PaymentStatusRule = .standard,
        limits: FileLimits = .default
    ) throws(ReconcileFilesError) -> ReconciliationReport {
        let report = try reconcile(
            roll: ReconcileInput(url: rollFile), bank: ReconcileInput(url: bankFile),
            statusRule: statusRule, limits: limits)
        try write(report, to: output)
        return report
    }

    /// Writes `report.csv` to `url`, replacing any file there.
    public static func write(_ report: ReconciliationReport, to url: URL) throws(ReconcileFilesError) {
        do {
            try Data(report.csv.utf8).write(to: url)
        } catch {
            let issue = TableIssue(
                file: url.lastPathComponent, code: "unwritable_file",
                message: "无法写入对账结果文件（\(error.localizedDescription)），请检查路径和写入权限。")
            throw ReconcileFilesError(issues: [issue], totalCount: 1)
        }
    }
}
