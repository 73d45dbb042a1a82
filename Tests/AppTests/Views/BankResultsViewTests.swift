import Testing

@testable import App

/// A roll's bank results: the upload (with column matching and the file's problems) and the
/// reconciliation it produces.
@Suite("Bank results views")
struct BankResultsViewTests {
    private static let rollID = ViewFixture.id(400)

    @Test func upload() {
        let model = BankUploadModel(rollID: Self.rollID, period: "2022Q2", issues: [], issueTotal: 0, mapping: nil)
        assertViewSnapshot(
            BankResultsView.upload(ViewFixture.county("/payments/rolls/\(Self.rollID)/results/new"), model),
            named: "upload")
    }

    /// Headers the importer does not know: the clerk matches them by hand; the file's problems so far.
    @Test func uploadWithMappingAndIssues() {
        let model = BankUploadModel(
            rollID: Self.rollID, period: "2022Q2",
            issues: [
                ViewFixture.issue(7, "金额", .invalidAmount, "金额“150元”不是数字"),
                ViewFixture.issue(9, "身份证号", .damagedNumber, "身份证号 4.30582E+17 已被 Excel 改写"),
            ],
            issueTotal: 12,
            mapping: .init(
                sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", fileName: "回盘<二季度>&\".csv",
                header: ["证件号码", "户名", "账号", "交易金额", "", "处理结果"], message: "找不到列：身份证号、金额",
                fields: [
                    (key: "id_number", label: "身份证号", required: true, selected: "证件号码"),
                    (key: "amount", label: "金额", required: true, selected: ""),
                    (key: "failure", label: "失败原因", required: false, selected: ""),
                ]))
        assertViewSnapshot(
            BankResultsView.upload(ViewFixture.county("/payments/rolls/\(Self.rollID)/results"), model),
            named: "upload-mapping")
    }

    @Test func reconciliation() {
        let model = ReconciliationModel(
            resultID: ViewFixture.id(500), rollID: Self.rollID, period: "2022Q2", fileName: "农商行回盘<2022Q2>&.xlsx",
            rollRows: 3,
            paidRows: 3, failed: 1, paid: "300.00",
            counts: [
                .init(kind: "failed", label: "发放失败", count: 1), .init(kind: "amount_mismatch", label: "金额不符", count: 1),
                .init(kind: "not_in_roll", label: "花名册中没有", count: 0),
            ],
            total: 2, exactMatch: false, kind: "failed",
            differences: [
                .init(
                    kind: "payment_failed", kindLabel: "发放失败（退票）", idNumber: "430582197911030048",
                    personID: ViewFixture.id(600), name: "张秀兰<", township: "界岭镇", village: "大丰村",
                    detail: "银行状态：失败 <户名不符>"),
                .init(
                    kind: "paid_not_in_roll", kindLabel: "银行结果有、花名册无", idNumber: "430582199001010017",
                    personID: "", name: "", township: "", village: "", detail: "银行实发 150.00 元"),
            ],
            page: 1, pageCount: 1, filteredTotal: 2)
        var voidable = model
        voidable.importedBy = "county"
        voidable.importedAt = "2022-09-21 10:30:00"
        voidable.canVoid = true
        assertViewSnapshot(
            BankResultsView.reconciliation(ViewFixture.county("/payments/results/\(ViewFixture.id(500))"), voidable),
            named: "reconciliation")
        var voided = voidable
        voided.canVoid = false
        voided.voided = .init(by: "leader", at: "2022-09-22 09:00:00", reason: "导入了二季度的文件 <错>")
        assertViewSnapshot(
            BankResultsView.reconciliation(ViewFixture.county("/payments/results/\(ViewFixture.id(500))"), voided),
            named: "reconciliation-voided")
    }

    /// What a file will import as, before anything is written.
    @Test func preview() {
        let model = BankPreviewModel(
            rollID: Self.rollID, period: "2022Q2", key: String(repeating: "ab", count: 32), fileName: "回盘<二季度>.csv",
            rollRows: 43_210, rowCount: 43_211, successCount: 43_209, failedCount: 2, paid: "6,481,350.00",
            differenceCount: 3,
            counts: [
                .init(kind: "payment_failed", label: "发放失败（退票）", count: 2),
                .init(kind: "paid_not_in_roll", label: "银行结果有、花名册无", count: 1),
            ],
            rows: [
                .init(
                    rowNumber: 2, name: "张秀兰", idNumber: "430582197911030048", card: "6214830000000013",
                    amount: "150.00", outcome: "成功", succeeded: true, reconciliation: "一致"),
                .init(
                    rowNumber: 3, name: "李<四>", idNumber: "430582199001010017", card: "6214830000000021",
                    amount: "150.00", outcome: "失败（失败：账户已销户）", succeeded: false, reconciliation: "发放失败（退票）"),
            ],
            matching: [(label: "银行卡号", header: "收款账号")],
            mappingPath: "/payments/rolls/\(Self.rollID)/results/mapping/\(String(repeating: "cd", count: 32))")
        assertViewSnapshot(
            BankResultsView.preview(
                ViewFixture.county("/payments/rolls/\(Self.rollID)/results/preview/\(model.key)"), model),
            named: "preview")
    }

    @Test func reconciliationExactMatch() {
        let model = ReconciliationModel(
            resultID: ViewFixture.id(501), rollID: Self.rollID, period: "2022Q2", fileName: "农商行回盘-更正.xlsx",
            rollRows: 3, paidRows: 3,
            failed: 0, paid: "450.00", counts: [.init(kind: "failed", label: "发放失败", count: 0)], total: 0,
            exactMatch: true, kind: "",
            differences: [], page: 1, pageCount: 0, filteredTotal: 0)
        assertViewSnapshot(
            BankResultsView.reconciliation(ViewFixture.finance("/payments/results/\(ViewFixture.id(501))"), model),
            named: "reconciliation-match")
    }
}
