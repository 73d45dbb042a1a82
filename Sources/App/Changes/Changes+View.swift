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
                            + ChangeStage.allCases.map { ($0.rawValue, $0.chinese) },
                        selected: m.filter.status)
                    SelectField(
                        label: "类型", name: "kind",
                        options: [("", "全部")] + ChangeKind.allCases.map { ($0.rawValue, $0.chinese) },
                        selected: m.filter.kind)
                    FormField(label: "申请日期自", name: "from", value: m.filter.from?.iso ?? "", type: .date)
                    FormField(label: "至", name: "to", value: m.filter.to?.iso ?? "", type: .date)
                    FormField(label: "办结年度", name: "year", value: m.filter.year, placeholder: "如 2022")
                    if !m.filter.sortParameter.isEmpty { HiddenField(name: "sort", value: m.filter.sortParameter) }
                    SubmitButton("筛选")
                }.class("filters")
            }
            Paragraph("共 \(Figures.count(m.total)) 件").class("muted").id("change-count")
            let selectable = !m.batchActions.isEmpty && m.rows.contains(where: \.selectable)
            let table = DataTable(
                header: (selectable ? ["选择"] : []) + [
                    "姓名", "身份证号", "乡镇", "类型", "原因", "状态", sortTitle("申请日期", .submitted, m.filter),
                    sortTitle("公示截止", .noticeEnd, m.filter), sortTitle("生效期", .effective, m.filter),
                    sortTitle("办结日期", .decided, m.filter),
                ],
                rows: m.rows.map { r in
                    (selectable ? [r.selectable ? .checkbox(name: "change_id[]", value: r.id) : .text("")] : []) + [
                        .link(r.personName, url: ChangesRoutes.show(r.id)), .mono(r.idNumber), .text(r.township),
                        .text(r.kind), .text(r.reason), .text(r.status), .text(r.submittedOn), .text(r.noticeEnd),
                        .text(r.effectivePeriod), .text(r.decidedOn),
                    ]
                },
                id: "changes-table",
                headerLinks: (selectable ? [nil] : []) + [
                    nil, nil, nil, nil, nil, nil, sortLink(.submitted, m.filter), sortLink(.noticeEnd, m.filter),
                    sortLink(.effective, m.filter), sortLink(.decided, m.filter),
                ])
            if selectable {
                Form(url: ChangesRoutes.batch.path(), method: .post) {
                    CSRFField(token: ctx.csrf)
                    table
                    Div {
                        H2("批量办理所选申请")
                        Paragraph {
                            Button("全选 / 全不选").attribute(named: "type", value: "button").attribute(
                                named: "data-action", value: "select-all"
                            ).class("link")
                        }
                        Div {
                            SelectField(label: "操作", name: "action", options: m.batchActions, required: true)
                            FormField(label: "意见（不通过时必填）", name: "opinion")
                            SubmitButton("办理所选")
                        }.class("filters")
                        Paragraph("每件申请分别办理并分别记入审计日志；不能办理的申请逐件说明原因，其余照常办理。").class("muted")
                    }.class("card")
                }.id("batch-form")
            } else {
                table
            }
            Pager(
                basePath: ChangesRoutes.list.path(), query: m.filter.query, page: m.page, pageCount: m.pageCount,
                total: m.total)
        }
    }

    /// The column's title, with ▲ or ▼ when the user ordered the list by it (the default,
    /// newest filed first, is not marked).
    private static func sortTitle(_ title: String, _ sort: ChangeSort, _ f: ChangeFilter) -> String {
        guard f.sort == sort, !f.sortParameter.isEmpty else { return title }
        return title + (f.descending ? " ▼" : " ▲")
    }

    /// Orders by the column (newest first), or reverses the order when it already does.
    private static func sortLink(_ sort: ChangeSort, _ f: ChangeFilter) -> String {
        var next = f
        next.descending = f.sort == sort ? !f.descending : true
        next.sort = sort
        return ChangesRoutes.list(next)
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
