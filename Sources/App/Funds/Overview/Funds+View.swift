import Plot
import ResettleCore

/// The funds overview, a batch's page, a township's page and the vocabulary.
enum FundsView {
    struct OverviewModel {
        var summary: FundsSummary
        var years: [Int]
        var townshipNames: [String: String]
        var categories: [String]
        var canManage: Bool
    }

    static func rate(_ part: Int64, _ whole: Int64) -> String { Figures.percent(Int(part), of: Int(whole)) }

    static func figures(_ p: FundsSummary, receivedFen: Int64?) -> Component {
        let started = p.startRate
        var rows: [(String, String)] = []
        if let received = receivedFen { rows.append(("到位资金", "\(Figures.wan(received))万元（\(p.batches.count)批）")) }
        rows += [
            ("已安排到项目", "\(Figures.wan(p.total.arrangedFen))万元"),
            ("已拨付", "\(Figures.wan(p.total.paidFen))万元"),
            ("结存（已安排未拨付）", "\(Figures.wan(p.total.balanceFen))万元"),
            ("项目数", "\(p.projectCount)个，已开工\(started.started)个"),
            ("开工率", Figures.percent(started.started, of: started.planned)),
            ("资金完成率（已拨付÷已安排）", rate(p.fundCompletion.part, p.fundCompletion.whole)),
            ("投资完成率", rate(p.investmentCompletion.part, p.investmentCompletion.whole)),
        ]
        if let received = receivedFen {
            rows.insert(("未安排", "\(Figures.wan(received - p.total.arrangedFen))万元"), at: 2)
        }
        return Facts(rows: rows)
    }

    static func yearFilter(_ action: String, year: Int, years: [Int]) -> Component {
        Form(url: action, method: .get) {
            Div {
                SelectField(
                    label: "年度", name: "year", options: years.map { (String($0), "\($0)年") }, selected: String(year))
                SubmitButton("查看")
            }.class("filters")
        }
    }

    static func overview(_ ctx: PageContext, _ m: OverviewModel) -> String {
        let p = m.summary
        return Layout.render(ctx, title: "资金管理（\(p.year)年）") {
            yearFilter(FundsRoutes.overview.path(), year: p.year, years: m.years)
            Div {
                H2("资金总览（万元）")
                figures(p, receivedFen: p.receivedFen).id("funds-figures")
            }.class("card")
            Div {
                H2("到县资金批次")
                DataTable(
                    header: ["资金类别", "文号", "到位日期", "级别", "管理单位", "金额（万元）", "已安排", "已拨付", "结存", "未安排"],
                    rows: p.batches.map { r in
                        [
                            .link(r.batch.category, url: FundsRoutes.batch(r.batch.id!)), .text(r.batch.document),
                            .text(r.batch.receivedOn), .text(r.batch.levelValue?.chinese ?? r.batch.level),
                            .text(r.batch.managerValue?.chinese ?? r.batch.manager),
                            .number(Figures.wan(r.batch.amountFen)), .number(Figures.wan(r.money.arrangedFen)),
                            .number(Figures.wan(r.money.paidFen)), .number(Figures.wan(r.money.balanceFen)),
                            .number(Figures.wan(r.unarrangedFen)),
                        ]
                    } + [
                        [
                            .text("合计"), .text(""), .text(""), .text(""), .text(""),
                            .number(Figures.wan(p.receivedFen)),
                            .number(Figures.wan(p.total.arrangedFen)), .number(Figures.wan(p.total.paidFen)),
                            .number(Figures.wan(p.total.balanceFen)),
                            .number(Figures.wan(p.receivedFen - p.total.arrangedFen)),
                        ]
                    ], id: "batches")
            }.class("card")
            Div {
                H2("各乡镇项目资金结存")
                Paragraph("结存超过已安排资金\(p.balanceFlagPercent)%的乡镇标为“结存偏多”（设置项）。").class("muted")
                townshipTable(p, names: m.townshipNames)
            }.class("card")
            if m.canManage {
                Div {
                    H2("登记到县资金")
                    Form(url: FundsRoutes.addBatch.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            FormField(label: "年度", name: "year", value: String(p.year), required: true)
                            SelectField(
                                label: "资金类别", name: "category", options: m.categories.map { ($0, $0) }, required: true)
                            FormField(label: "文号", name: "document", required: true, placeholder: "湘移〔2022〕12号")
                            FormField(label: "到位日期", name: "received_on", type: .date, required: true)
                            SelectField(
                                label: "级别", name: "level",
                                options: FundBatch.Level.allCases.map { ($0.rawValue, $0.chinese) })
                            FormField(label: "金额（元）", name: "amount", required: true)
                            SelectField(
                                label: "管理单位", name: "manager",
                                options: FundBatch.Manager.allCases.map { ($0.rawValue, $0.chinese) })
                            FormField(label: "备注", name: "memo")
                            SubmitButton("登记")
                        }.class("filters")
                    }
                    Paragraph {
                        Link("资金类别与项目类型", url: FundsRoutes.terms.path())
                    }
                }.class("card")
            }
        }
    }

    static func townshipTable(_ p: FundsSummary, names: [String: String]) -> Component {
        DataTable(
            header: ["乡镇", "项目数", "已开工", "已安排（万元）", "已拨付（万元）", "结存（万元）", "结存占比", ""],
            rows: p.townships.map { r in
                [
                    .link(names[r.code] ?? r.code, url: FundsRoutes.township(r.code, year: p.year)),
                    .number(String(r.projects)), .number(String(r.started)), .number(Figures.wan(r.money.arrangedFen)),
                    .number(Figures.wan(r.money.paidFen)), .number(Figures.wan(r.money.balanceFen)),
                    .number(rate(r.money.balanceFen, r.money.arrangedFen)),
                    r.flagged ? .badge("结存偏多", tone: "warn") : .text(""),
                ]
            }, id: "townships")
    }

    struct BatchModel {
        var batch: FundBatch
        var money: FundsPicture.Money
        var arrangements: [(project: Project, fen: Int64, by: String, township: String)]
        /// Projects the batch may be arranged to (county staff only).
        var candidates: [Project]
        var canManage: Bool
    }

    static func batch(_ ctx: PageContext, _ m: BatchModel) -> String {
        let b = m.batch
        return Layout.render(ctx, title: "资金批次：\(b.document)") {
            Div {
                Facts(rows: [
                    ("资金类别", b.category), ("文号", b.document), ("到位日期", b.receivedOn),
                    ("级别", b.levelValue?.chinese ?? b.level), ("管理单位", b.managerValue?.chinese ?? b.manager),
                    ("金额", Figures.yuanWithWan(b.amountFen)), ("已安排", Figures.yuanWithWan(m.money.arrangedFen)),
                    ("已拨付", Figures.yuanWithWan(m.money.paidFen)),
                    ("尚可安排", Figures.yuanWithWan(b.amountFen - m.money.arrangedFen)), ("备注", b.memo),
                    ("登记人", b.createdBy),
                ])
                Paragraph {
                    Link("返回资金总览", url: FundsRoutes.overview(year: b.year))
                }
            }.class("card")
            Div {
                H2("安排到项目")
                DataTable(
                    header: ["项目编号", "项目名称", "乡镇", "安排金额（元）", "安排人"],
                    rows: m.arrangements.map { a in
                        [
                            .link(a.project.code, url: ProjectRoutes.show(a.project.id!)), .text(a.project.name),
                            .text(a.township), .number(Figures.yuan(a.fen)), .text(a.by),
                        ]
                    }, id: "arrangements")
            }.class("card")
            if m.canManage && !m.candidates.isEmpty {
                Div {
                    H2("安排资金")
                    Form(url: FundsRoutes.arrange.path(b.id!), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            SelectField(
                                label: "项目", name: "project",
                                options: m.candidates.map { ($0.id!.uuidString, "\($0.code) \($0.name)") },
                                required: true)
                            FormField(label: "安排金额（元）", name: "amount", required: true)
                            SubmitButton("安排")
                        }.class("filters")
                    }
                }.class("card")
            }
        }
    }

    struct TownshipModel {
        var code: String
        var name: String
        var picture: FundsPicture
        var villageNames: [String: String]
        var years: [Int]
    }

    static func township(_ ctx: PageContext, _ m: TownshipModel) -> String {
        let p = m.picture
        let s = p.summary
        let row = s.townships.first
        return Layout.render(ctx, title: "\(m.name)项目与资金（\(s.year)年）") {
            yearFilter(FundsRoutes.township.path(m.code), year: s.year, years: m.years)
            Div {
                figures(s, receivedFen: nil).id("township-figures")
                if row?.flagged == true {
                    Paragraph(
                        "结存资金占已安排资金的\(rate(row!.money.balanceFen, row!.money.arrangedFen))，超过\(s.balanceFlagPercent)%：结存偏多"
                    )
                    .class("warning")
                }
            }.class("card")
            Div {
                H2("各村资金")
                DataTable(
                    header: ["村", "项目数", "已开工", "已安排（万元）", "已拨付（万元）", "结存（万元）"],
                    rows: p.villages.map { v in
                        [
                            .text(m.villageNames[v.code] ?? v.code), .number(String(v.projects)),
                            .number(String(v.started)),
                            .number(Figures.wan(v.money.arrangedFen)), .number(Figures.wan(v.money.paidFen)),
                            .number(Figures.wan(v.money.balanceFen)),
                        ]
                    }, id: "villages")
            }.class("card")
            Div {
                H2("项目")
                ProjectsView.table(
                    p.projects, money: p.projectMoney, villageNames: m.villageNames, townshipNames: [m.code: m.name])
            }.class("card")
        }
    }

    /// The office's vocabularies: fund categories, project kinds, petition categories.
    static func terms(_ ctx: PageContext, lists: [(list: FundsTerm.List, names: [String])], canAdd: Bool) -> String {
        Layout.render(ctx, title: "用语表（资金类别、项目类型、信访类别）") {
            Div {
                for entry in lists {
                    H2(entry.list.chinese)
                    List(entry.names) { ListItem($0) }
                }
            }.class("card")
            if canAdd {
                Div {
                    H2("新增")
                    Form(url: FundsRoutes.addTerm.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            SelectField(
                                label: "列表", name: "list",
                                options: FundsTerm.List.allCases.map { ($0.rawValue, $0.chinese) })
                            FormField(label: "名称", name: "name", required: true)
                            SubmitButton("新增")
                        }.class("filters")
                    }
                }.class("card")
            }
        }
    }
}
