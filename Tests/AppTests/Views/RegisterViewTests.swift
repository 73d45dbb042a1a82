import ResettleCore
import Testing

@testable import App

/// The register: the search, a person's page and a household's.
@Suite("Register views")
struct RegisterViewTests {
    private static let members: [PersonModel.Member] = [
        .init(id: ViewFixture.id(1), name: "张德明", idNumber: "430582196503120017", relation: "户主", status: "在册"),
        .init(id: ViewFixture.id(2), name: "刘桂兰", idNumber: "430582196708150026", relation: "配偶", status: "在册"),
        .init(
            id: ViewFixture.id(3), name: "张<script>&\"小明", idNumber: "430582199002280031", relation: "子女", status: "已调减"
        ),
    ]

    @Test func search() {
        let model = PeopleSearchModel(
            search: PeopleQuery(
                text: "张", townshipCode: "430582101", villageCode: "", status: "active", sort: .name, descending: true),
            townships: [("430582101", "界岭镇"), ("430582104", "廉桥镇")],
            villages: [("430582101201", "大丰村"), ("430582101202", "金银村")],
            rows: [
                .init(
                    id: ViewFixture.id(1), name: "张德明", idNumber: "430582196503120017", sex: "男", township: "界岭镇",
                    village: "大丰村",
                    relation: "户主", status: "在册", statusTone: "active"),
                .init(
                    id: ViewFixture.id(3), name: "张<script>&\"小明", idNumber: "430582199002280031", sex: "男",
                    township: "界岭镇",
                    village: "大丰村", relation: "子女", status: "已调减", statusTone: "reduced"),
                .init(
                    id: ViewFixture.id(4), name: "张秀兰", idNumber: "430582197911030048", sex: "女", township: "界岭镇",
                    village: "金银村",
                    relation: "户主", status: "暂停", statusTone: "suspended"),
            ],
            page: 2, pageCount: 3, total: 53, milliseconds: 4, canImport: true)
        assertViewSnapshot(PeopleSearchView.render(ViewFixture.county("/people"), model), named: "search")
    }

    /// A read-only role finds nobody: no import links, no pages to turn.
    @Test func searchWithoutResults() {
        let model = PeopleSearchModel(
            search: PeopleQuery(text: "\"><b>0014", townshipCode: "", villageCode: "", status: ""),
            townships: [("430582101", "界岭镇")],
            villages: [],
            rows: [], page: 1, pageCount: 0, total: 0, milliseconds: 1, canImport: false)
        assertViewSnapshot(PeopleSearchView.render(ViewFixture.finance("/people"), model), named: "search-empty")
    }

    private static func person(requestable: Bool, payments: Bool) -> PersonModel {
        var m = PersonModel(
            id: ViewFixture.id(3), name: "张<script>&\"小明", idNumber: "430582199002280031",
            facts: [
                ("身份证号", "430582199002280031"), ("性别", "男"), ("出生日期", "1990-02-28"), ("年龄", "32"), ("与户主关系", "子女"),
                ("住址", "界岭镇 大丰村 三组"), ("水库", "六都寨水库"), ("移民类型", "现状"), ("搬迁完成日期", ""),
                ("扶持期限", "2006Q3 至 2026Q2"), ("状态", "在册"),
            ],
            account: [("开户银行", "邵东农商银行"), ("银行卡号", "6230901818000123457"), ("联系电话", "")],
            householdID: ViewFixture.id(100), members: members,
            statusHistory: [
                .init(period: "—", from: "2021-03-15", status: "在册", note: "名册导入登记"),
                .init(period: "2022Q3", from: "2022-07-01", status: "暂停", note: "服刑 <判决书&编号>"),
            ],
            changes: [
                .init(
                    id: ViewFixture.id(200), kind: "调减", reason: "服刑", status: "已批准", submittedOn: "2022-06-02",
                    decidedOn: "2022-06-20", effectivePeriod: "2022Q3")
            ],
            status: "在册",
            requestableKinds: requestable
                ? [ChangeKind.reduction, .correction].map { ($0.rawValue, $0.chinese) } : [],
            reasons: ReductionReason.allCases.map { ($0.rawValue, $0.chinese) },
            correctable: ChangeService.CorrectableField.allCases.map {
                ($0.rawValue, $0.chinese, $0 == .name ? "张<script>&\"小明" : "")
            },
            today: "2022-07-01", noticeEndDefault: "2022-07-07")
        if payments {
            m.payments = PersonPaymentsModel(
                visible: true,
                payments: [
                    .init(
                        period: "2022Q2", forPeriod: "2022Q2", kind: "正常", amount: "150.00",
                        card: "6230901818000123457", rollStatus: "已锁定", bank: "成功"),
                    .init(
                        period: "2022Q3", forPeriod: "2022Q1", kind: "补发", amount: "150.00",
                        card: "6230901818000123457", rollStatus: "已锁定", bank: "—"),
                ],
                reissues: [.init(period: "2022Q1", amount: "150.00", status: "已补发", detail: "账户已销户\n补发于 2022Q3")],
                recoveries: [.init(period: "2022Q2", amount: "150.00", status: "待追缴", detail: "服刑期间发放")])
        }
        return m
    }

    /// County staff see the payments and may request changes.
    @Test func personPage() {
        let html = PersonView.render(
            ViewFixture.county("/people/\(ViewFixture.id(3))"), Self.person(requestable: true, payments: true))
        assertViewSnapshot(html, named: "person")
    }

    /// The discipline office reads the register only: no change form, no payments section.
    @Test func personPageReadOnly() {
        let html = PersonView.render(
            ViewFixture.discipline("/people/\(ViewFixture.id(3))"), Self.person(requestable: false, payments: false))
        assertViewSnapshot(html, named: "person-read-only")
    }

    @Test func household() {
        let model = HouseholdModel(
            headName: "张德明", headIDNumber: "430582196503120017", location: "界岭镇 大丰村 三组", members: Self.members)
        assertViewSnapshot(
            HouseholdView.render(ViewFixture.county("/households/\(ViewFixture.id(100))"), model), named: "household")
    }
}
