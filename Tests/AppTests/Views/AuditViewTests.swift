import ResettleCore
import Testing

@testable import App

/// The audit log, verified and broken.
@Suite("Audit views")
struct AuditViewTests {
    private static let rows: [AuditModel.Row] = [
        .init(
            seq: 1042, at: "2022-07-01 09:31:12", actor: "王建国（wangjg）", action: "信息更正生效",
            actionCode: "person.correction",
            object: .init(text: "人员：张小明 430582199002280031", personID: ViewFixture.uuid(1)),
            changes: [.init(field: "姓名", before: "张小明", after: "张<script>&\"小明")]),
        .init(
            seq: 1041, at: "2022-07-01 09:30:05", actor: "赵志强（zhaozq）", action: "审批发放花名册", actionCode: "roll.approve",
            object: .init(text: "发放花名册：2022年第3季度", personID: nil),
            changes: [.init(field: "状态", before: "草稿", after: "已审批")]),
    ]

    @Test func verified() {
        let model = AuditModel(
            rows: Self.rows, verification: "完整性校验通过：共 1042 条，哈希链与签名均无误", intact: true, page: 1, pageCount: 21,
            total: 1042, filter: AuditFilter(), actions: AuditVocabulary.actions, exportLimit: 50_000)
        assertViewSnapshot(AuditView.render(ViewFixture.discipline("/audit"), model), named: "verified")
    }

    @Test func brokenAndFiltered() {
        let model = AuditModel(
            rows: [Self.rows[0]], verification: "完整性校验失败：第 1042 条的哈希与前一条不连续", intact: false, page: 1, pageCount: 1,
            total: 1,
            filter: AuditFilter(
                person: "430582199002280031\"><b>", actor: "wangjg", action: "person.correction",
                from: CivilDate(year: 2022, month: 7, day: 1), to: CivilDate(year: 2022, month: 7, day: 31)),
            actions: AuditVocabulary.actions, exportLimit: 50_000)
        assertViewSnapshot(AuditView.render(ViewFixture.admin("/audit"), model), named: "broken-filtered")
    }
}
