import Foundation
import Plot
import ResettleCore

/// The 避险解困 task list with progress by township, and one task's households.
enum RelocationView {
    struct ListModel {
        var progress: [RelocationProgress]
        var townshipNames: [String: String]
        var canAdd: Bool
        var year: Int
    }

    static func list(_ ctx: PageContext, _ m: ListModel) -> String {
        Layout.render(ctx, title: "避险解困") {
            Div {
                Paragraph("上级下达的避险解困搬迁任务，按乡镇统计进度：已纳入、已搬迁、已验收的户数，搬迁人数和补助发放。")
                DataTable(
                    header: [
                        "年度", "文号", "乡镇", "任务户数", "任务人数", "已纳入", "已搬迁（户）", "已搬迁（人）", "已验收", "补助已发（元）", "补助任务（元）",
                        "户数完成率",
                    ],
                    rows: m.progress.map { p in
                        [
                            .text(String(p.task.year)), .link(p.task.document, url: RelocationRoutes.task(p.task.id!)),
                            .text(m.townshipNames[p.task.townshipCode] ?? p.task.townshipCode),
                            .number(String(p.task.targetHouseholds)), .number(String(p.task.targetPeople)),
                            .number(String(p.enrolled)), .number(String(p.moved)), .number(String(p.peopleMoved)),
                            .number(String(p.accepted)), .number(Figures.yuan(p.subsidyPaidFen)),
                            .number(Figures.yuan(p.subsidyTargetFen)),
                            .number(Figures.percent(p.moved, of: p.task.targetHouseholds)),
                        ]
                    }, id: "relocation-tasks")
            }.class("card")
            if m.canAdd {
                Div {
                    H2("下达任务")
                    Form(url: RelocationRoutes.addTask.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            FormField(label: "年度", name: "year", value: String(m.year), required: true)
                            FormField(label: "文号", name: "document", required: true)
                            SelectField(
                                label: "乡镇", name: "township",
                                options: m.townshipNames.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                            FormField(label: "任务户数", name: "target_households", required: true)
                            FormField(label: "任务人数", name: "target_people", required: true)
                            FormField(label: "每户补助（元）", name: "subsidy", required: true)
                            SubmitButton("下达")
                        }.class("filters")
                    }
                }.class("card")
            }
        }
    }

    struct TaskModel {
        var progress: RelocationProgress
        var townshipName: String
        var households: [HouseholdRelocation]
        var projects: [Project]
        var canAct: Bool
        var today: CivilDate
    }

    static func task(_ ctx: PageContext, _ m: TaskModel) -> String {
        let t = m.progress.task
        let projectNames = Dictionary(
            m.projects.compactMap { p in p.id.map { ($0, p.name) } }, uniquingKeysWith: { a, _ in a })
        return Layout.render(ctx, title: "避险解困任务：\(t.document)（\(m.townshipName)）") {
            Div {
                Facts(rows: [
                    ("年度", String(t.year)), ("乡镇", m.townshipName),
                    ("任务", "\(t.targetHouseholds)户\(t.targetPeople)人，每户补助\(Figures.yuan(t.subsidyPerHouseholdFen))元"),
                    (
                        "进度",
                        "已纳入\(m.progress.enrolled)户，已搬迁\(m.progress.moved)户\(m.progress.peopleMoved)人，已验收\(m.progress.accepted)户"
                    ),
                    (
                        "补助",
                        "已发\(Figures.yuan(m.progress.subsidyPaidFen))元，任务\(Figures.yuan(m.progress.subsidyTargetFen))元"
                    ),
                ])
                Paragraph { Link("返回任务列表", url: RelocationRoutes.list.path()) }
            }.class("card")
            Div {
                H2("搬迁户")
                DataTable(
                    header: ["户主身份证号", "人数", "安置地点", "配套项目", "补助（元）", "发放日期", "搬迁日期", "旧房处置", "验收日期", "状态"],
                    rows: m.households.map { r in
                        [
                            .mono(r.headIDNumber), .number(String(r.people)), .text(r.newSite),
                            .text(r.projectID.flatMap { projectNames[$0] } ?? ""),
                            .number(r.subsidyPaidFen.map(Figures.yuan) ?? ""), .text(r.subsidyPaidOn ?? ""),
                            .text(r.movedOn ?? ""), .text(r.oldHouse ?? ""), .text(r.acceptedOn ?? ""),
                            r.acceptedOn == nil ? .text(r.stage) : .badge(r.stage, tone: "ok"),
                        ]
                    }, id: "relocation-households")
            }.class("card")
            if m.canAct {
                for r in m.households where r.acceptedOn == nil {
                    nextFact(ctx, r, task: t, today: m.today)
                }
                Div {
                    H2("纳入搬迁户")
                    Form(url: RelocationRoutes.enrol.path(t.id!), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            FormField(label: "户主身份证号", name: "head_id_number", required: true)
                            FormField(label: "安置地点", name: "new_site", required: true)
                            SelectField(
                                label: "配套项目", name: "project",
                                options: [("", "（无）")] + m.projects.map { ($0.id!.uuidString, "\($0.code) \($0.name)") }
                            )
                            SubmitButton("纳入")
                        }.class("filters")
                    }
                }.class("card")
            }
        }
    }

    static func nextFact(_ ctx: PageContext, _ r: HouseholdRelocation, task: RelocationTask, today: CivilDate)
        -> Component
    {
        let fact: RelocationService.Fact =
            r.subsidyPaidFen == nil ? .subsidy : r.movedOn == nil ? .moved : r.oldHouse == nil ? .oldHouse : .accepted
        return Form(url: RelocationRoutes.record.path(r.id!), method: .post) {
            CSRFField(token: ctx.csrf)
            HiddenField(name: "fact", value: fact.rawValue)
            Div {
                Paragraph("\(r.headIDNumber)：\(fact.chinese)")
                FormField(label: "日期", name: "day", value: today.iso, type: .date, required: true)
                if fact == .subsidy {
                    FormField(
                        label: "补助金额（元）", name: "amount", value: Money.yuan(task.subsidyPerHouseholdFen), required: true
                    )
                }
                if fact == .oldHouse {
                    FormField(label: "旧房处置（拆除、复垦…）", name: "old_house", required: true)
                }
                SubmitButton("办理")
            }.class("filters")
        }.class("card")
    }
}
