import Testing

@testable import App

/// Payments: policies, rolls (list, page, print), re-issues, recoveries and the three-way
/// match (bank results: `BankResultsViewTests`).
@Suite("Payments views")
struct PaymentsViewTests {
    private static let rollID = ViewFixture.id(400)

    // MARK: Rolls

    private static let rolls: [RollListModel.Row] = [
        .init(
            id: ViewFixture.id(401), period: "2022Q3", periodChinese: "2022年第3季度", status: "待审批", locked: false,
            lines: 1_203,
            total: "180,450.00", excluded: 84, generatedBy: "wangjg", approvedBy: ""),
        .init(
            id: ViewFixture.id(400), period: "2022Q2", periodChinese: "2022年第2季度", status: "已锁定", locked: true,
            lines: 1_198,
            total: "179,700.00", excluded: 80, generatedBy: "wangjg", approvedBy: "zhaozq"),
    ]

    @Test func rollList() {
        let model = RollListModel(
            rows: Self.rolls,
            discarded: [
                .init(
                    id: ViewFixture.id(402), periodChinese: "2022年第3季度", lines: "1,203", total: "180,450.00",
                    discardedBy: "wangjg", discardedAt: "2022-10-08 09:30", reason: "导入遗漏<金银村>，重新导入后再生成")
            ],
            scopeName: nil, summary: "最新一期（2022年第3季度，草稿（待审批））：发放 1,203 人，共 18.05 万元", canGenerate: true,
            periodChoices: [("2022Q4", "2022年第4季度"), ("2022Q3", "2022年第3季度（已有草稿，将重新生成）")],
            suggestedPeriod: "2022Q4")
        assertViewSnapshot(PaymentsView.list(ViewFixture.county("/payments"), model), named: "rolls")
    }

    /// A township's view: its own figures only, no generating.
    @Test func rollListForATownship() {
        let model = RollListModel(rows: Self.rolls, scopeName: "界岭镇", canGenerate: false, suggestedPeriod: "2022Q4")
        assertViewSnapshot(PaymentsView.list(ViewFixture.township("/payments"), model), named: "rolls-township")
    }

    /// A new office: no roll yet, and the period list says why nothing can be generated.
    @Test func rollListEmpty() {
        let model = RollListModel(rows: [], scopeName: nil, canGenerate: true, suggestedPeriod: "")
        let html = PaymentsView.list(ViewFixture.county("/payments"), model)
        #expect(html.contains("<td class=\"muted\" colspan=\"7\">暂无发放花名册</td>"))
        #expect(html.contains("没有可生成的发放期"))
    }

    private static let lines: [RollDetailModel.Line] = [
        .init(
            seq: 1, township: "界岭镇", village: "大丰村", name: "张德明", idNumber: "430582196503120017",
            card: "6230901818000123457",
            bank: "邵东农商银行", amount: "150.00", kind: "正常", forPeriod: "2022Q2"),
        .init(
            seq: 2, township: "界岭镇", village: "大丰村", name: "张<script>&\"小明", idNumber: "430582199002280031",
            card: "6230901818000123465", bank: "邵东农商银行", amount: "150.00", kind: "补发", forPeriod: "2022Q1"),
        .init(
            seq: 3, township: "界岭镇", village: "金银村", name: "张秀兰", idNumber: "430582197911030048",
            card: "6230901818000123473",
            bank: "邵东农商银行", amount: "150.00", kind: "正常", forPeriod: "2022Q2"),
    ]

    private static func roll(locked: Bool, tab: String) -> RollDetailModel {
        RollDetailModel(
            id: rollID, period: "2022Q2", periodChinese: "2022年第2季度", status: locked ? "已锁定" : "待审批", locked: locked,
            facts: [
                ("发放期", "2022年第2季度"), ("发放标准", "每人每期150.00元（年标准600.00元，政策自2006-07-01起执行）"), ("发放人数", "3"),
                ("发放金额", "450.00元（0.05万元）"), ("不予发放人数", "2"), ("生成人", "wangjg（第1次生成）"), ("审批人", locked ? "zhaozq" : ""),
            ],
            totals: [
                .init(
                    township: "界岭镇", village: "大丰村", villageCode: "430582101201", people: 2, amount: "300.00",
                    isTownshipTotal: false),
                .init(
                    township: "界岭镇", village: "金银村", villageCode: "430582101202", people: 1, amount: "150.00",
                    isTownshipTotal: false),
                .init(
                    township: "界岭镇", village: "小计", villageCode: "", people: 3, amount: "450.00", isTownshipTotal: true),
                .init(
                    township: "全县", village: "合计", villageCode: "", people: 3, amount: "450.00", isTownshipTotal: true,
                    isGrandTotal: true),
            ],
            exclusionCounts: [("已调减", 1), ("暂停发放（服刑）", 1)],
            tab: tab, lines: tab == "lines" ? lines : [],
            excluded: tab == "excluded"
                ? [
                    .init(
                        township: "界岭镇", village: "大丰村", name: "刘<b>桂兰</b>", idNumber: "430582196708150026",
                        reason: "已调减"),
                    .init(
                        township: "界岭镇", village: "金银村", name: "王五", idNumber: "430582195801010011", reason: "暂停发放（服刑）"),
                ] : [],
            page: 1, pageCount: 1, total: tab == "lines" ? 3 : 2,
            results: locked
                ? [
                    .init(
                        id: ViewFixture.id(500), fileName: "农商行回盘<2022Q2>&.xlsx", rows: 3, failed: 1, differences: 2,
                        importedBy: "wangjg",
                        importedAt: "2022-07-05 10:12:00"),
                    .init(
                        id: ViewFixture.id(501), fileName: "农商行回盘-更正.xlsx", rows: 3, failed: 0, differences: 0,
                        importedBy: "wangjg",
                        importedAt: "2022-07-06 15:40:00"),
                ] : [],
            canGenerate: !locked, canApprove: false, canExport: locked, canImport: locked, canSeeResults: true,
            canDiscard: !locked,
            payeeDrop: locked ? nil : "本期发放人数较上期（2022年第1季度）减少超过10%：上期 1,250 人，本期 3 人，减少 1,247 人（99.8%）。",
            printLinks: [
                .init(
                    township: "界岭镇", signatureURL: "/payments/rolls/\(rollID)/print?township=430582101",
                    noticeURL: "/payments/rolls/\(rollID)/print?township=430582101&notice=1")
            ])
    }

    /// Not yet approved, seen by the clerk who generated it: regenerate, and the approval hint.
    @Test func rollPageBeforeApproval() {
        assertViewSnapshot(
            PaymentsView.roll(
                ViewFixture.county("/payments/rolls/\(Self.rollID)"), Self.roll(locked: false, tab: "lines")),
            named: "roll")
    }

    /// Locked: exports, the bank results, and the tab of people not paid.
    @Test func rollPageLockedExcludedTab() {
        let html = PaymentsView.roll(
            ViewFixture.county("/payments/rolls/\(Self.rollID)"), Self.roll(locked: true, tab: "excluded"))
        assertViewSnapshot(html, named: "roll-locked-excluded")
    }

    /// The leader may approve a roll someone else generated.
    @Test func rollPageForTheApprover() {
        var model = Self.roll(locked: false, tab: "lines")
        model.canGenerate = false
        model.canApprove = true
        assertViewSnapshot(
            PaymentsView.roll(ViewFixture.leader("/payments/rolls/\(Self.rollID)"), model), named: "roll-approver")
    }

    private static func printModel(notice: Bool, draft: Bool) -> RollPrintModel {
        func row(_ n: Int, _ name: String, _ id: String, _ card: String, note: String = "") -> RollPrintModel.Row {
            .init(
                number: n, group: "3组", head: "张德明", name: name,
                idNumber: notice ? PublicNoticeMask.residentID(id) : id,
                card: notice ? PublicNoticeMask.card(card) : card,
                amount: "150.00", note: note)
        }
        return RollPrintModel(
            title: "2022年第2季度水库移民后期扶持资金发放花名册" + (notice ? "（公示）" : ""), period: "2022年第2季度",
            status: draft ? "草稿（待审批）" : "已审批锁定", draft: draft, notice: notice, scopeName: "界岭镇",
            sheets: [
                .init(
                    township: "界岭镇", village: "大丰村", number: 1,
                    rows: [
                        row(1, "张德明", "430582196503120017", "6230901818000123457"),
                        row(2, "张<script>&\"小明", "430582199002280031", "6230901818000123465", note: "补发2022年第1季度"),
                    ],
                    subtotalPeople: "2", subtotal: "300.00", villageTotal: ("2", "300.00"), grandTotal: nil),
                .init(
                    township: "界岭镇", village: "金银村", number: 2,
                    rows: [row(1, "张秀兰", "430582197911030048", "6230901818000123473")],
                    subtotalPeople: "1", subtotal: "150.00", villageTotal: ("1", "150.00"), grandTotal: ("3", "450.00")),
            ],
            people: "3", total: "450.00",
            townships: [
                .init(
                    name: "界岭镇", signatureURL: "/payments/rolls/\(Self.rollID)/print?township=430582101",
                    noticeURL: "/payments/rolls/\(Self.rollID)/print?township=430582101&notice=1", selected: true)
            ],
            otherVersionURL: "/payments/rolls/\(Self.rollID)/print?notice=\(notice ? "" : "1")")
    }

    /// The printed roll has no site frame: sheets with 第x页 共y页, page subtotals, the village's
    /// total on its last sheet, the grand total on the last, and a signature column.
    @Test func printedRoll() {
        let html = PaymentsPrintView.render(Self.printModel(notice: false, draft: false))
        #expect(html.contains("第2页 共2页"))
        #expect(!html.contains("watermark"))
        assertViewSnapshot(html, named: "roll-print")
    }

    /// A draft carries the 草稿 watermark on every sheet; the public version masks the numbers
    /// and has no signature column.
    @Test func printedDraftForPublicPosting() {
        let html = PaymentsPrintView.render(Self.printModel(notice: true, draft: true))
        #expect(html.components(separatedBy: "class=\"watermark\"").count - 1 == 2)
        #expect(html.contains("430582********0017"))
        #expect(!html.contains("430582196503120017"))
        #expect(!html.contains("领款人签名"))
        assertViewSnapshot(html, named: "roll-print-notice-draft")
    }

    // MARK: Policies

    @Test func policies() {
        let model = PolicyListModel(
            rows: [
                .init(
                    effectiveFrom: "2006-07-01", yearly: "600.00", perPeriod: "150.00", periodsPerYear: 4,
                    existingYears: 20, relocatedYears: 20,
                    memo: "移民后扶", document: "国发〔2006〕17号", createdBy: "admin"),
                .init(
                    effectiveFrom: "2023-01-01", yearly: "600.00", perPeriod: "300.00", periodsPerYear: 2,
                    existingYears: 20, relocatedYears: 20,
                    memo: "移民后扶<半年>", document: "湘移发〔2022〕&\"8\"号", createdBy: "admin"),
            ],
            canAdd: true)
        assertViewSnapshot(PaymentsView.policies(ViewFixture.admin("/payments/policies"), model), named: "policies")
    }

    // MARK: Cases

    @Test func reissues() {
        let model = ReissueListModel(rows: [
            .init(
                personID: ViewFixture.id(3), name: "张<script>&\"小明", idNumber: "430582199002280031", township: "界岭镇",
                period: "2022Q1",
                amount: "150.00", failedCard: "6230901818000999999", currentCard: "6230901818000123465",
                failure: "账户已销户", status: "已补发",
                ready: true, claimRollID: ViewFixture.id(401), claimRoll: "2022年第3季度"),
            .init(
                personID: ViewFixture.id(4), name: "张秀兰", idNumber: "430582197911030048", township: "界岭镇",
                period: "2022Q2",
                amount: "150.00", failedCard: "6230901818000123473", currentCard: "6230901818000123473",
                failure: "户名不符", status: "待更正账户",
                ready: false, claimRollID: "", claimRoll: ""),
        ])
        assertViewSnapshot(
            PaymentCasesView.reissues(ViewFixture.county("/payments/reissues"), model), named: "reissues")
    }

    @Test func recoveries() {
        let model = RecoveryListModel(
            rows: [
                .init(
                    id: ViewFixture.id(600), personID: ViewFixture.id(3), name: "张<script>&\"小明",
                    idNumber: "430582199002280031",
                    township: "界岭镇", period: "2022Q3", amount: "150.00", reason: "暂停发放（服刑）", status: "待追缴", open: true,
                    notes: ""),
                .init(
                    id: ViewFixture.id(601), personID: ViewFixture.id(5), name: "王五", idNumber: "430582195801010011",
                    township: "廉桥镇",
                    period: "2022Q2", amount: "150.00", reason: "已死亡", status: "已追回", open: false,
                    notes: "2022-08-01 wangjg：家属已退回\n收据 <0017>"),
            ],
            canEdit: true, openTotal: "150.00", statuses: RecoveryCase.Status.allCases.map { ($0.rawValue, $0.chinese) }
        )
        assertViewSnapshot(
            PaymentCasesView.recoveries(ViewFixture.county("/payments/recoveries"), model), named: "recoveries")
    }

    // MARK: Three-way match

    @Test func threeWayCompared() {
        let model = ThreeWayModel(
            rollID: Self.rollID, period: "2022Q2",
            results: [
                .init(id: ViewFixture.id(500), label: "农商行回盘<2022Q2>&.xlsx"),
                .init(id: ViewFixture.id(501), label: "农商行回盘-更正.xlsx"),
            ],
            provincialLists: [.init(id: ViewFixture.id(700), label: "省平台名单 2022-07-08")],
            selectedResult: ViewFixture.id(501),
            selectedList: ViewFixture.id(700),
            pairs: [
                .init(
                    label: "花名册 ↔ 银行结果",
                    counts: [(kind: "missing", label: "缺少", count: 0), (kind: "amount", label: "金额不符", count: 1)],
                    total: 1),
                .init(
                    label: "花名册 ↔ 省级系统",
                    counts: [(kind: "missing", label: "缺少", count: 1), (kind: "amount", label: "金额不符", count: 0)],
                    total: 1),
            ],
            rows: [
                .init(idNumber: "430582197911030048", roll: "150.00", bank: "0.00（失败）", province: "150.00"),
                .init(idNumber: "430582199002280031", roll: "150.00", bank: "150.00", province: "—（<无>）"),
            ],
            differingIDs: 2, allAgree: false, compared: true, canImport: true, issues: [])
        assertViewSnapshot(
            ThreeWayView.render(ViewFixture.county("/payments/rolls/\(Self.rollID)/threeway"), model),
            named: "three-way")
    }

    /// Nothing to compare yet, and a provincial list that was refused.
    @Test func threeWayNotComparedWithRefusedList() {
        let model = ThreeWayModel(
            rollID: Self.rollID, period: "2022Q2", results: [], provincialLists: [], selectedResult: "",
            selectedList: "", pairs: [], rows: [],
            differingIDs: 0, allAgree: false, compared: false, canImport: true,
            issues: [ViewFixture.issue(2, "身份证号", .invalidID, "身份证号 “<12345>” 位数不对")])
        assertViewSnapshot(
            ThreeWayView.render(ViewFixture.county("/payments/rolls/\(Self.rollID)/threeway"), model),
            named: "three-way-not-compared")
    }
}
