import Plot
import ResettleCore

enum PeopleSearchView {
    static func render(_ ctx: PageContext, _ m: PeopleSearchModel) -> String {
        Layout.render(ctx, title: "移民信息查询") {
            Form(url: RegisterRoutes.search.path(), method: .get) {
                Div {
                    FormField(
                        label: "姓名 / 身份证号（可输后几位）/ 银行卡号 / 手机号", name: "q", value: m.search.text,
                        placeholder: "如 小明、0014 或 13807391234")
                    SelectField(
                        label: "乡镇（街道）", name: "township",
                        options: [("", "全部")] + m.townships.map { ($0.code, $0.name) }, selected: m.search.townshipCode)
                    SelectField(
                        label: "村（社区）", name: "village",
                        options: [("", "全部")] + m.villages.map { ($0.code, $0.name) }, selected: m.search.villageCode)
                    SelectField(
                        label: "状态", name: "status",
                        options: [("", "全部")] + PersonStatus.allCases.map { ($0.rawValue, $0.chinese) },
                        selected: m.search.status)
                    if !m.search.sortParameter.isEmpty { HiddenField(name: "sort", value: m.search.sortParameter) }
                    SubmitButton("查询")
                }.class("filters")
            }.id("search-form")
            if m.canImport {
                Paragraph {
                    Link("导入移民名册", url: RegisterImportRoutes.form.path()).class("button secondary")
                    Link("新增移民（调增申请）", url: ChangesRoutes.additionForm.path()).class("button secondary")
                }
            }
            Paragraph {
                Span("共找到 \(Figures.count(m.total)) 人（用时 \(m.milliseconds) 毫秒）").class("muted")
                if m.total > 0 {
                    Text(" ")
                    Link("导出 Excel", url: RegisterRoutes.export(m.search)).id("people-export")
                }
            }
            DataTable(
                header: [
                    sortTitle("姓名", .name, m.search), sortTitle("身份证号", .idNumber, m.search), "性别",
                    sortTitle("乡镇", .place, m.search), "村", "与户主关系", sortTitle("状态", .status, m.search),
                ],
                rows: m.rows.map { row in
                    [
                        .link(row.name, url: RegisterRoutes.person(row.id)), .mono(row.idNumber), .text(row.sex),
                        .text(row.township),
                        .text(row.village), .text(row.relation), .badge(row.status, tone: row.statusTone),
                    ]
                },
                id: "people-table",
                headerLinks: [
                    sortLink(.name, m.search), sortLink(.idNumber, m.search), nil, sortLink(.place, m.search), nil, nil,
                    sortLink(.status, m.search),
                ])
            Pager(
                basePath: RegisterRoutes.search.path(), query: RegisterRoutes.searchQuery(m.search), page: m.page,
                pageCount: m.pageCount, total: m.total)
        }
    }

    /// The column's title, with ▲ or ▼ when the user ordered the list by it (the register's own
    /// order, by place, is not marked).
    private static func sortTitle(_ title: String, _ sort: PeopleSort, _ q: PeopleQuery) -> String {
        guard q.sort == sort, q.sort != .place || q.descending else { return title }
        return title + (q.descending ? " ▼" : " ▲")
    }

    /// Orders by the column, or reverses the order when it already does; back to the first page.
    private static func sortLink(_ sort: PeopleSort, _ q: PeopleQuery) -> String {
        var next = q
        next.descending = q.sort == sort ? !q.descending : false
        next.sort = sort
        next.page = 1
        return RegisterRoutes.search(next)
    }
}
