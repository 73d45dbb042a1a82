import Foundation
import Plot
import ResettleCore

/// The project library, a new project's form and one project's page.
enum ProjectsView {
    static func stageBadge(_ stage: ProjectStage) -> DataTable.Cell {
        switch stage {
        case .closed: return .badge(stage.chinese, tone: "ok")
        case .returned: return .badge(stage.chinese, tone: "warn")
        default: return .text(stage.chinese)
        }
    }

    static func table(
        _ rows: [FundsPicture.ProjectRow], money: [UUID: FundsPicture.Money], villageNames: [String: String],
        townshipNames: [String: String]
    ) -> Component {
        DataTable(
            header: ["项目编号", "项目名称", "乡镇", "村", "类型", "阶段", "进度", "移民资金（元）", "已安排（元）", "已拨付（元）"],
            rows: rows.map { r in
                let m = money[r.id] ?? FundsPicture.Money()
                return [
                    .link(r.code, url: ProjectRoutes.show(r.id)), .text(r.name),
                    .text(townshipNames[r.township_code] ?? ""),
                    .text(r.village_code.flatMap { villageNames[$0] } ?? ""),
                    .text(r.kind), stageBadge(r.stageValue), .number("\(r.progress_percent)%"),
                    .number(Figures.yuan(r.resettlementFundsFen)), .number(Figures.yuan(m.arrangedFen)),
                    .number(Figures.yuan(m.paidFen)),
                ]
            }, id: "projects")
    }

    struct ListModel {
        var filter: ProjectFilter
        var rows: [FundsPicture.ProjectRow]
        var total: Int
        var money: [UUID: FundsPicture.Money]
        var townships: [(String, String)]
        var kinds: [String]
        var years: [Int]
        var villageNames: [String: String]
        var townshipNames: [String: String]
        var pager: Pager
        var canPropose: Bool
        var thresholdYuan: String
    }

    static func list(_ ctx: PageContext, _ m: ListModel) -> String {
        Layout.render(ctx, title: "项目库") {
            Form(url: ProjectRoutes.list.path(), method: .get) {
                Div {
                    SelectField(
                        label: "年度", name: "year", options: m.years.map { (String($0), "\($0)年") },
                        selected: String(m.filter.year))
                    if m.townships.count > 1 {
                        SelectField(
                            label: "乡镇", name: "township", options: [("", "全部")] + m.townships.map { ($0.0, $0.1) },
                            selected: m.filter.township)
                    }
                    SelectField(
                        label: "类型", name: "kind", options: [("", "全部")] + m.kinds.map { ($0, $0) },
                        selected: m.filter.kind)
                    SelectField(
                        label: "阶段", name: "stage",
                        options: [("", "全部")] + ProjectStage.allCases.map { ($0.rawValue, $0.chinese) },
                        selected: m.filter.stage?.rawValue ?? "")
                    SelectField(
                        label: "移民资金", name: "band",
                        options: [("", "全部"), ("under", "\(m.thresholdYuan)元以下"), ("over", "\(m.thresholdYuan)元及以上")],
                        selected: m.filter.band)
                    SelectField(
                        label: "抽查问题", name: "findings", options: [("", "全部"), ("open", "有未整改问题")],
                        selected: m.filter.openFindings ? "open" : "")
                    SubmitButton("筛选")
                }.class("filters")
            }
            Paragraph {
                Text("共 \(Figures.count(m.total)) 个项目")
                if m.canPropose {
                    Text(" · ")
                    Link("申报新项目", url: ProjectRoutes.new.path())
                    Text(" · ")
                    Link("导入项目库", url: ProjectRoutes.importForm.path())
                }
                Text(" · ")
                Link("导出年度计划表", url: ProjectRoutes.annualPlan.path(query: [("year", String(m.filter.year))]))
                Text(" · ")
                Link("县级抽查复核", url: SpotCheckRoutes.list.path())
            }.class("muted").id("project-count")
            table(m.rows, money: m.money, villageNames: m.villageNames, townshipNames: m.townshipNames)
            m.pager
        }
    }

    struct NewModel {
        var townships: [(String, String)]
        var villages: [(String, String)]
        var kinds: [String]
        var year: Int
        var noticeMinimumDays: Int
    }

    static func new(_ ctx: PageContext, _ m: NewModel) -> String {
        Layout.render(ctx, title: "申报新项目（村民议事）") {
            Div {
                Paragraph("项目由村民议事（一事一议）决定并公示不少于\(m.noticeMinimumDays)天；公示期满后由乡镇申报。")
                Form(url: ProjectRoutes.create.path(), method: .post) {
                    CSRFField(token: ctx.csrf)
                    H2("项目")
                    Div {
                        FormField(label: "年度", name: "year", value: String(m.year), required: true)
                        FormField(label: "项目名称", name: "name", required: true)
                        SelectField(label: "乡镇", name: "township", options: m.townships, required: true)
                        SelectField(label: "村", name: "village", options: [("", "（乡镇级项目）")] + m.villages)
                        SelectField(label: "项目类型", name: "kind", options: m.kinds.map { ($0, $0) }, required: true)
                        FormField(label: "实施单位", name: "implementer", required: true)
                        FormField(label: "受益移民（人）", name: "beneficiaries", value: "0", required: true)
                    }.class("filters")
                    H2("计划投资（元）")
                    Div {
                        FormField(label: "移民资金", name: "planned_resettlement", required: true)
                        FormField(label: "自筹资金", name: "planned_self_raised", value: "0")
                        FormField(label: "其他资金", name: "planned_other", value: "0")
                        FormField(label: "计划开工", name: "schedule_start", type: .date, required: true)
                        FormField(label: "计划完工", name: "schedule_end", type: .date, required: true)
                    }.class("filters")
                    TextAreaField(label: "绩效目标（每行一项：指标：目标值）", name: "performance_target")
                    H2("村民议事与公示")
                    Div {
                        FormField(label: "议事日期", name: "meeting_on", type: .date, required: true)
                        FormField(label: "参会人数", name: "attendance", required: true)
                        FormField(label: "公示开始", name: "notice_start", type: .date, required: true)
                        FormField(label: "公示结束", name: "notice_end", type: .date, required: true)
                    }.class("filters")
                    TextAreaField(label: "议事决定", name: "decision", required: true)
                    SubmitButton("登记")
                }
            }.class("card")
        }
    }
}
