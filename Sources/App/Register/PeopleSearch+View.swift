import Plot
import ResettleCore

enum PeopleSearchView {
    static func render(_ ctx: PageContext, _ m: PeopleSearchModel) -> String {
        Layout.render(ctx, title: "移民信息查询") {
            Form(url: RegisterRoutes.search.path(), method: .get) {
                Div {
                    FormField(label: "姓名 / 身份证号（可输后几位）", name: "q", value: m.query, placeholder: "如 张三 或 0014")
                    SelectField(
                        label: "乡镇（街道）", name: "township",
                        options: [("", "全部")] + m.townships.map { ($0.code, $0.name) }, selected: m.townshipCode)
                    SelectField(
                        label: "村（社区）", name: "village",
                        options: [("", "全部")] + m.villages.map { ($0.code, $0.name) }, selected: m.villageCode)
                    SelectField(
                        label: "状态", name: "status",
                        options: [("", "全部")] + PersonStatus.allCases.map { ($0.rawValue, $0.chinese) },
                        selected: m.status)
                    SubmitButton("查询")
                }.class("filters")
            }.id("search-form")
            if m.canImport {
                Paragraph {
                    Link("导入移民名册", url: RegisterImportRoutes.form.path()).class("button secondary")
                    Link("新增移民（调增申请）", url: ChangesRoutes.additionForm.path()).class("button secondary")
                }
            }
            Paragraph("共找到 \(m.total) 人（用时 \(m.milliseconds) 毫秒）").class("muted")
            DataTable(
                header: ["姓名", "身份证号", "性别", "乡镇", "村", "与户主关系", "状态"],
                rows: m.rows.map { row in
                    [
                        .link(row.name, url: RegisterRoutes.person(row.id)), .mono(row.idNumber), .text(row.sex),
                        .text(row.township),
                        .text(row.village), .text(row.relation), .badge(row.status, tone: row.statusTone),
                    ]
                },
                id: "people-table")
            Pager(
                basePath: RegisterRoutes.search.path(),
                query: [
                    ("q", m.query), ("township", m.townshipCode), ("village", m.villageCode), ("status", m.status),
                ],
                page: m.page, pageCount: m.pageCount, total: m.total)
        }
    }
}
