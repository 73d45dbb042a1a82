import ResettleCore
import Testing

@testable import App

/// Change requests: the list, one request with its steps, and the addition form.
@Suite("Changes views")
struct ChangesViewTests {
    private static func filter(sort: ChangeSort = .submitted, descending: Bool = true) -> ChangeFilter {
        var f = ChangeFilter()
        f.status = "open"
        f.kind = "reduction"
        f.sort = sort
        f.descending = descending
        return f
    }

    private static let rows: [ChangeListModel.Row] = [
        .init(
            id: ViewFixture.id(200), personName: "张德明", idNumber: "430582196503120017", township: "界岭镇", kind: "调减",
            reason: "死亡（含宣告死亡）", status: "待县级审批", submittedOn: "2022-06-02", noticeEnd: "2022-06-08",
            effectivePeriod: "", decidedOn: "", selectable: true),
        .init(
            id: ViewFixture.id(201), personName: "张<script>&\"小明", idNumber: "430582199002280031", township: "界岭镇",
            kind: "调减", reason: "其他：外出<务工>&\"失联\"", status: "公示中", submittedOn: "2022-06-20",
            noticeEnd: "2022-06-26", effectivePeriod: "", decidedOn: "", selectable: false),
    ]

    /// A reader who takes no step: no selection.
    @Test func list() {
        let model = ChangeListModel(
            filter: Self.filter(), rows: Self.rows, total: 27, page: 1, pageCount: 2, batchActions: [])
        assertViewSnapshot(ChangesView.list(ViewFixture.county("/changes"), model), named: "list")
    }

    /// The leader: the requests awaiting the county can be chosen and approved together;
    /// ordered by notice end, ascending.
    @Test func listWithBatchActions() {
        let model = ChangeListModel(
            filter: Self.filter(sort: .noticeEnd, descending: false), rows: Self.rows, total: 2, page: 1, pageCount: 1,
            batchActions: ChangeBatch.actions(for: .leader).map { ($0.action.rawValue, $0.action.chinese) })
        assertViewSnapshot(ChangesView.list(ViewFixture.leader("/changes"), model), named: "list-batch")
    }

    private static let facts: [(String, String)] = [
        ("移民", "张<script>&\"小明（430582199002280031）"), ("乡镇", "界岭镇"), ("类型", "信息更正"), ("原因", ""),
        ("证明材料", "户籍证明 邵公户字〔2022〕17号"), ("公示期", "2022-06-20 至 2022-06-26"), ("状态", "待县级审批"), ("生效期", ""),
    ]

    private static let steps: [ChangeDetailModel.Step] = [
        .init(
            action: "提交申请并公示", actor: "李秀英", on: "2022-06-20", opinion: "户籍证明 邵公户字〔2022〕17号",
            result: "公示 2022-06-20 至 2022-06-26"),
        .init(action: "乡镇审核通过", actor: "周乡长", on: "2022-06-27", opinion: "情况属实 <已核>", result: "待县级审批"),
    ]

    /// The leader who may approve sees the action form.
    @Test func detailForTheApprover() {
        let model = ChangeDetailModel(
            id: ViewFixture.id(201), title: "信息更正申请：张<script>&\"小明", personID: ViewFixture.id(3), facts: Self.facts,
            corrections: [("姓名", "张<script>&\"小明", "张小明"), ("银行卡号", "", "6230901818000123457")], steps: Self.steps,
            actions: [ChangeAction.countyApprove, .countyReject].map { ($0.rawValue, $0.chinese) })
        assertViewSnapshot(
            ChangesView.detail(ViewFixture.leader("/changes/\(ViewFixture.id(201))"), model), named: "detail-approver")
    }

    /// The township reviewer may not approve the request they reviewed: the page says why.
    @Test func detailWithSeparationNote() {
        let model = ChangeDetailModel(
            id: ViewFixture.id(201), title: "信息更正申请：张<script>&\"小明", personID: ViewFixture.id(3), facts: Self.facts,
            corrections: [], steps: Self.steps, actions: [],
            separationNote: ChangeWorkflowError.reviewerCannotApprove.message)
        assertViewSnapshot(
            ChangesView.detail(ViewFixture.admin("/changes/\(ViewFixture.id(201))"), model), named: "detail-separation")
    }

    @Test func additionForm() {
        let model = AdditionFormModel(
            townships: [("430582101", "界岭镇"), ("430582104", "廉桥镇")], reservoirs: ["六都寨水库", "石门&<水库>"],
            today: "2022-07-01",
            noticeEndDefault: "2022-07-07")
        assertViewSnapshot(AdditionView.render(ViewFixture.township("/changes/new-addition"), model), named: "addition")
    }
}
