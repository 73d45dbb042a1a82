import Testing

@testable import App

/// The audit log, verified and broken.
@Suite("Audit views")
struct AuditViewTests {
    private static let rows: [AuditModel.Row] = [
        .init(
            seq: 1042, at: "2022-07-01 09:31:12", actor: "wangjg", action: "person.update",
            entity: "430582199002280031",
            before: "{\"name\":\"张小明\"}", after: "{\"name\":\"张<script>&\\\"小明\"}"),
        .init(
            seq: 1041, at: "2022-07-01 09:30:05", actor: "zhaozq", action: "roll.approve", entity: ViewFixture.id(400),
            before: "",
            after: "{\"status\":\"locked\"}"),
    ]

    @Test func verified() {
        let model = AuditModel(
            rows: Self.rows, verification: "完整性校验通过：共 1042 条，哈希链与签名均无误", intact: true, page: 1, pageCount: 21,
            total: 1042,
            entityFilter: "")
        assertViewSnapshot(AuditView.render(ViewFixture.discipline("/audit"), model), named: "verified")
    }

    @Test func brokenAndFiltered() {
        let model = AuditModel(
            rows: [Self.rows[0]], verification: "完整性校验失败：第 1042 条的哈希与前一条不连续", intact: false, page: 1, pageCount: 1,
            total: 1, entityFilter: "430582199002280031\"><b>")
        assertViewSnapshot(AuditView.render(ViewFixture.admin("/audit"), model), named: "broken-filtered")
    }
}
