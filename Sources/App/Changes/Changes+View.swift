import Plot
import ResettleCore

enum ChangesView {
    static func list(_ ctx: PageContext, _ m: ChangeListModel) -> String {
        Layout.render(ctx, title: "动态管理（变更申请）") {
            Form(url: ChangesRoutes.list.path(), method: .get) {
                Div {
                    SelectField(
                        label: "状态", name: "status",
                        options: [("", "全部"), ("open", "未办结")]
                            + ChangeStatus.allCases.map { ($0.rawValue, $0.chinese) },
                        selected: m.status)
                    SelectField(
                        label: "类型", name: "kind",
                        options: [("", "全部")] + ChangeKind.allCases.map { ($0.rawValue, $0.chinese) }, selected: m.kind)
                    FormField(label: "办结年度", name: "year", value: m.year, placeholder: "如 2022")
                    SubmitButton("筛选")
                }.class("filters")
            }
            Paragraph("共 \(m.total) 件").class("muted").id("change-count")
            DataTable(
                header: ["姓名", "身份证号", "乡镇", "类型", "原因", "状态", "申请日期", "办结日期"],
                rows: m.rows.map { r in
                    [
                        .link(r.personName, url: ChangesRoutes.show(r.id)), .mono(r.idNumber), .text(r.township),
                        .text(r.kind), .text(r.reason),
                        .text(r.status), .text(r.submittedOn), .text(r.decidedOn),
                    ]
                },
                id: "changes-table")
            Pager(
                basePath: ChangesRoutes.list.path(), query: [("status", m.status), ("kind", m.kind), ("year", m.year)],
                page: m.page,
                pageCount: m.pageCount, total: m.total)
        }
    }

    static func detail(_ ctx: PageContext, _ m: ChangeDetailModel) -> String {
        Layout.render(ctx, title: m.title) {
            Div {
                Facts(rows: m.facts)
                Paragraph { Link("查看该移民", url: RegisterRoutes.person(m.personID)) }
            }.class("card")
            if !m.corrections.isEmpty {
                Div {
                    H2("更正内容")
                    Table(
                        header: TableRow {
                            TableHeaderCell("字段")
                            TableHeaderCell("原值")
                            TableHeaderCell("新值")
                        }
                    ) {
                        for (field, old, new) in m.corrections {
                            TableRow {
                                TableCell(field)
                                TableCell(old)
                                TableCell(new)
                            }
                        }
                    }.class("grid")
                }.class("card")
            }
            Div {
                H2("办理过程")
                Table(
                    header: TableRow {
                        TableHeaderCell("环节")
                        TableHeaderCell("办理人")
                        TableHeaderCell("日期")
                        TableHeaderCell("意见")
                        TableHeaderCell("结果")
                    }
                ) {
                    for s in m.steps {
                        TableRow {
                            TableCell(s.action)
                            TableCell(s.actor)
                            TableCell(s.on)
                            TableCell(s.opinion)
                            TableCell(s.result)
                        }
                    }
                }.class("grid").id("steps")
            }.class("card")
            if !m.separationNote.isEmpty {
                Div { Paragraph(m.separationNote).class("muted").id("separation-note") }.class("card")
            }
            if !m.actions.isEmpty {
                Div {
                    H2("办理")
                    Form(url: ChangesRoutes.act(m.id), method: .post) {
                        CSRFField(token: ctx.csrf)
                        SelectField(label: "操作", name: "action", options: m.actions, required: true)
                        TextAreaField(label: "意见", name: "opinion")
                        SubmitButton("提交")
                    }.id("action-form")
                }.class("card")
            }
        }
    }
}
