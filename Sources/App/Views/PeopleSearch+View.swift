import Plot
import ResettleCore

enum PeopleSearchView {
    static func render(_ ctx: PageContext, _ m: PeopleSearchModel) -> String {
        Layout.render(ctx, title: "移民信息查询") {
            Form(url: "/people", method: .get) {
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
                        options: [("", "全部")] + PersonStatus.allCases.map { ($0.rawValue, $0.chinese) }, selected: m.status)
                    SubmitButton("查询")
                }.class("filters")
            }.id("search-form")
            if m.canImport {
                Paragraph {
                    Link("导入移民名册", url: "/import/people").class("button secondary")
                    Link("新增移民（调增申请）", url: "/changes/new-addition").class("button secondary")
                }
            }
            Paragraph("共找到 \(m.total) 人（用时 \(m.milliseconds) 毫秒）").class("muted")
            Table(header: TableRow {
                TableHeaderCell("姓名")
                TableHeaderCell("身份证号")
                TableHeaderCell("性别")
                TableHeaderCell("乡镇")
                TableHeaderCell("村")
                TableHeaderCell("与户主关系")
                TableHeaderCell("状态")
            }) {
                for row in m.rows {
                    TableRow {
                        TableCell { Link(row.name, url: "/people/\(row.id)") }
                        TableCell(row.idNumber).class("mono")
                        TableCell(row.sex)
                        TableCell(row.township)
                        TableCell(row.village)
                        TableCell(row.relation)
                        TableCell { StatusBadge(text: row.status, tone: row.statusTone) }
                    }
                }
            }.class("grid").id("people-table")
            Pager(
                basePath: "/people",
                query: [("q", m.query), ("township", m.townshipCode), ("village", m.villageCode), ("status", m.status)],
                page: m.page, pageCount: m.pageCount, total: m.total)
        }
    }
}
