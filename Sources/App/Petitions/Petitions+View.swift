import Foundation
import Plot
import ResettleCore

/// The petition register with its filters, and the registration form.
enum PetitionsView {
    struct Row {
        var id: UUID
        var number: String
        var receivedOn: String
        var channel: String
        var headcount: Int
        var township: String
        /// nil for a restricted petition the viewer may not read.
        var names: String?
        var category: String?
        var stage: PetitionStage
        var isRepeat: Bool
        var restricted: Bool
        var next: PetitionClock?
        var daysLeft: Int?
    }

    struct ListModel {
        var filter: PetitionFilter
        var total: Int
        var rows: [Row]
        var townships: [(String, String)]
        var categories: [String]
        var canRegister: Bool
    }

    /// The links under every petition page's title.
    static func subMenu() -> Component {
        Paragraph {
            Link("信访登记簿", url: PetitionRoutes.list.path())
            Text(" · ")
            Link("时限预警", url: PetitionRoutes.board.path())
            Text(" · ")
            Link("信访统计", url: PetitionRoutes.statistics.path())
            Text(" · ")
            Link("矛盾纠纷排查", url: PetitionRoutes.disputes.path())
            Text(" · ")
            Link("节假日安排", url: PetitionRoutes.calendar.path())
        }.class("submenu")
    }

    static func clockCell(_ clock: PetitionClock?, daysLeft: Int?) -> DataTable.Cell {
        guard let clock, let left = daysLeft else { return .text("") }
        let tone = left < 0 ? "bad" : left <= 3 ? "warn" : "pending"
        let text = left < 0 ? "逾期\(-left)天" : left == 0 ? "今天到期" : "剩余\(left)天"
        return .badge("\(clock.kind.chinese) \(clock.dueOn.iso) \(text)", tone: tone)
    }

    static func list(_ ctx: PageContext, _ m: ListModel) -> String {
        Layout.render(ctx, title: "信访登记簿") {
            subMenu()
            Div {
                Form(url: PetitionRoutes.list.path(), method: .get) {
                    Div {
                        FormField(label: "年度", name: "year", value: m.filter.year.map(String.init) ?? "")
                        SelectField(
                            label: "乡镇", name: "township", options: [("", "全部")] + m.townships,
                            selected: m.filter.township)
                        SelectField(
                            label: "办理阶段", name: "stage",
                            options: [("", "全部")] + PetitionStage.allCases.map { ($0.rawValue, $0.chinese) },
                            selected: m.filter.stage?.rawValue ?? "")
                        SelectField(
                            label: "类别", name: "category", options: [("", "全部")] + m.categories.map { ($0, $0) },
                            selected: m.filter.category)
                        FormField(label: "编号、姓名或身份证号", name: "q", value: m.filter.q)
                        SubmitButton("查询")
                    }.class("filters")
                }
                if m.canRegister { Paragraph { Link("登记新的信访事项", url: PetitionRoutes.new.path()).class("button") } }
                DataTable(
                    header: ["编号", "登记日期", "方式", "人数", "乡镇", "信访人", "类别", "阶段", "下一时限"],
                    rows: m.rows.map { r in
                        [
                            .link(r.number, url: PetitionRoutes.show(r.id)), .text(r.receivedOn), .text(r.channel),
                            .number(String(r.headcount)), .text(r.township), .text(r.names ?? "（限制查阅）"),
                            .text(r.category ?? "—"),
                            r.isRepeat
                                ? .badge(r.stage.chinese + " · 重复信访", tone: "warn")
                                : .badge(r.stage.chinese, tone: r.stage.isClosed ? "ok" : "pending"),
                            clockCell(r.next, daysLeft: r.daysLeft),
                        ]
                    }, id: "petitions")
                Pager(
                    basePath: PetitionRoutes.list.path(), query: m.filter.query, page: m.filter.page,
                    pageCount: (m.total + PetitionFilter.perPage - 1) / PetitionFilter.perPage, total: m.total)
            }.class("card")
        }
    }

    static func new(
        _ ctx: PageContext, townships: [(String, String)], categories: [String], rules: PetitionRules, today: CivilDate
    ) -> String {
        Layout.render(ctx, title: "登记信访事项") {
            subMenu()
            Form(url: PetitionRoutes.register.path(), method: .post) {
                CSRFField(token: ctx.csrf)
                Div {
                    H2("来访来信")
                    Div {
                        FormField(label: "登记日期", name: "received_on", value: today.iso, type: .date, required: true)
                        SelectField(
                            label: "信访方式", name: "channel",
                            options: PetitionChannel.allCases.map { ($0.rawValue, $0.chinese) })
                        FormField(label: "上级交办文号（转交办时填写）", name: "referral_reference")
                        FormField(label: "人数", name: "headcount", value: "1", required: true)
                        SelectField(label: "乡镇", name: "township", options: townships)
                        FormField(label: "村代码（可不填）", name: "village")
                        SelectField(label: "类别", name: "category", options: categories.map { ($0, $0) })
                        FormField(label: "所涉移民身份证号（反映本人后扶等问题时填写）", name: "subject_id_number")
                    }.class("filters")
                    TextAreaField(label: "信访请求", name: "request", required: true)
                    TextAreaField(label: "事实和理由", name: "facts", required: true)
                    Div {
                        Label("限制查阅（只有中心领导、信访工作人员、登记人和承办人可见内容）") {
                            Input(type: .checkbox, name: "restricted", value: "1")
                        }
                    }.class("field")
                }.class("card")
                Div {
                    H2("信访人、代表和代理人")
                    Paragraph(
                        "\(rules.groupThreshold)人及以上来访为集体访，须推选不超过\(rules.maxRepresentatives)名代表，在“身份”中选“代表”；代理人须填写授权委托情况。身份证号用于关联移民库和识别重复信访。"
                    )
                    for i in 1...PetitionsController.personRows {
                        Div {
                            SelectField(
                                label: "身份", name: "role\(i)",
                                options: PetitionerRole.allCases.map { ($0.rawValue, $0.chinese) },
                                selected: i == PetitionsController.personRows ? PetitionerRole.agent.rawValue : "")
                            FormField(label: "姓名", name: "name\(i)")
                            FormField(label: "身份证号", name: "id\(i)")
                            FormField(label: "住址", name: "address\(i)")
                            FormField(label: "电话", name: "phone\(i)")
                            FormField(label: "授权委托（代理人）", name: "authorisation\(i)")
                        }.class("filters")
                    }
                    SubmitButton("登记")
                }.class("card")
            }
        }
    }
}
