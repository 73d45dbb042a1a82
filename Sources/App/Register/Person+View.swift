import Plot

enum PersonView {
    static func render(_ ctx: PageContext, _ m: PersonModel) -> String {
        Layout.render(ctx, title: "\(m.name)（\(m.status)）") {
            Div {
                Div {
                    H2("基本信息")
                    Facts(rows: m.facts)
                }.class("card")
                Div {
                    H2("发放账户")
                    Facts(rows: m.account)
                }.class("card")
            }.class("columns")
            Div {
                H2 {
                    Text("同户成员 ")
                    Link("查看户信息", url: RegisterRoutes.household(m.householdID)).class("small")
                }
                MembersTable(members: m.members)
            }.class("card")
            Div {
                H2("状态变化")
                Table(
                    header: TableRow {
                        TableHeaderCell("起始期")
                        TableHeaderCell("起始日期")
                        TableHeaderCell("状态")
                        TableHeaderCell("说明")
                    }
                ) {
                    for row in m.statusHistory {
                        TableRow {
                            TableCell(row.period)
                            TableCell(row.from)
                            TableCell(row.status)
                            TableCell(row.note)
                        }
                    }
                }.class("grid").id("status-history")
            }.class("card")
            Div {
                H2("变更记录")
                Table(
                    header: TableRow {
                        TableHeaderCell("类型")
                        TableHeaderCell("原因")
                        TableHeaderCell("状态")
                        TableHeaderCell("申请日期")
                        TableHeaderCell("办结日期")
                        TableHeaderCell("生效期")
                    }
                ) {
                    for c in m.changes {
                        TableRow {
                            TableCell { Link(c.kind, url: ChangesRoutes.show(c.id)) }
                            TableCell(c.reason)
                            TableCell(c.status)
                            TableCell(c.submittedOn)
                            TableCell(c.decidedOn)
                            TableCell(c.effectivePeriod)
                        }
                    }
                }.class("grid").id("change-history")
            }.class("card")
            if m.payments.visible {
                PersonPaymentsSection(m: m.payments)
            }
            if !m.training.isEmpty {
                Div {
                    H2("培训记录")
                    DataTable(
                        header: ["培训", "时间", "结果"],
                        rows: m.training.map { [.text($0.what), .text($0.when), .text($0.result)] },
                        id: "person-training")
                }.class("card")
            }
            if !m.petitions.isEmpty {
                Div {
                    H2("信访记录")
                    DataTable(
                        header: ["编号", "登记日期", "类别", "阶段"],
                        rows: m.petitions.map {
                            [
                                .link($0.number, url: PetitionRoutes.show($0.id)), .text($0.receivedOn),
                                .text($0.category), .text($0.stage),
                            ]
                        }, id: "person-petitions")
                }.class("card")
            }
            if !m.requestableKinds.isEmpty {
                Div {
                    H2("提出变更申请")
                    Form(url: RegisterRoutes.requestChange(m.id), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            SelectField(label: "变更类型", name: "kind", options: m.requestableKinds, required: true)
                            SelectField(label: "调减原因（调减时填写）", name: "reason", options: [("", "—")] + m.reasons)
                            FormField(label: "具体原因", name: "reason_text")
                            FormField(
                                label: "事件日期（死亡、招工、提干、农转非、判刑、出嫁之日）", name: "event_date", type: .date)
                        }.class("filters")
                        TextAreaField(label: "证明材料（如死亡证明、户籍证明编号）", name: "evidence")
                        ChangeNoticeFields(start: m.today, end: m.noticeEndDefault)
                        Element(name: "fieldset") {
                            Element(name: "legend") { Text("信息更正（更正时填写新值）") }
                            Div {
                                for c in m.correctable {
                                    FormField(
                                        label: c.label, name: "correct_\(c.field)", value: "", placeholder: c.value)
                                }
                            }.class("filters")
                        }
                        SubmitButton("提交申请")
                    }.id("change-form")
                }.class("card")
            }
        }
    }
}
