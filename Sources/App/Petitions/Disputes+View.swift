import Foundation
import Plot
import ResettleCore

/// The dispute screening and the working-day calendar.
extension PetitionsView {
    static func disputes(
        _ ctx: PageContext, _ entries: [DisputeScreening], year: Int, regions: RegionDirectory,
        townships: [(String, String)], canAdd: Bool
    ) -> String {
        Layout.render(ctx, title: "矛盾纠纷排查（\(year)年）") {
            subMenu()
            Div {
                disputeTable(entries, regions: regions)
            }.class("card")
            if canAdd {
                for d in entries where d.resolvedOn == nil {
                    Div {
                        Form(url: PetitionRoutes.followDispute.path(d.id!), method: .post) {
                            CSRFField(token: ctx.csrf)
                            Div {
                                Paragraph("跟进：\(regions.name(d.townshipCode)) \(d.subject)")
                                FormField(
                                    label: "日期", name: "day", value: CivilDate.today().iso, type: .date, required: true)
                                FormField(label: "跟进情况", name: "text", required: true)
                                SelectField(label: "是否化解", name: "resolved", options: [("0", "未化解"), ("1", "已化解")])
                                SubmitButton("记录")
                            }.class("filters")
                        }
                    }.class("card")
                }
                Div {
                    H2("登记排查")
                    Form(url: PetitionRoutes.addDispute.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            SelectField(label: "乡镇", name: "township", options: townships)
                            FormField(label: "期次", name: "period", placeholder: "2022年第三季度")
                            FormField(
                                label: "排查日期", name: "found_on", value: CivilDate.today().iso, type: .date,
                                required: true)
                            SelectField(
                                label: "风险等级", name: "risk",
                                options: DisputeRisk.allCases.map { ($0.rawValue, $0.chinese) })
                            FormField(label: "事由", name: "subject", required: true)
                            FormField(label: "涉及人员", name: "people", required: true)
                            FormField(label: "化解措施", name: "measures", required: true)
                            SubmitButton("登记")
                        }.class("filters")
                    }
                }.class("card")
            }
        }
    }

    static func calendar(_ ctx: PageContext, _ days: [CalendarDay], year: Int, canAdd: Bool) -> String {
        Layout.render(ctx, title: "\(year)年节假日安排") {
            subMenu()
            Div {
                Paragraph {
                    Text("按工作日计算的时限（如交办异议5个工作日）按此表扣除放假日、计入调休上班日。")
                    Link("上一年", url: PetitionRoutes.calendar.path(query: [("year", String(year - 1))]))
                    Text(" · ")
                    Link("下一年", url: PetitionRoutes.calendar.path(query: [("year", String(year + 1))]))
                }
                if days.isEmpty {
                    Paragraph("尚未登记\(year)年的节假日安排：按工作日计算的时限只扣除周末。").class("error")
                }
                DataTable(
                    header: ["日期", "星期", "安排", "节日"],
                    rows: days.map { d in
                        let day = CivilDate(parsing: d.id ?? "")
                        return [
                            .text(d.id ?? ""),
                            .text(day.map { "一二三四五六日".map(String.init)[WorkingCalendar.weekday(of: $0) - 1] } ?? ""),
                            .badge(
                                CalendarDay.Kind(rawValue: d.kind)?.chinese ?? d.kind,
                                tone: d.kind == "holiday" ? "ok" : "warn"),
                            .text(d.name),
                        ]
                    }, id: "calendar-days")
            }.class("card")
            if canAdd {
                Div {
                    H2("登记")
                    Form(url: PetitionRoutes.addCalendarDay.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            FormField(label: "日期", name: "day", type: .date, required: true)
                            SelectField(
                                label: "安排", name: "kind",
                                options: CalendarDay.Kind.allCases.map { ($0.rawValue, $0.chinese) })
                            FormField(label: "节日", name: "name", required: true)
                            SubmitButton("登记")
                        }.class("filters")
                    }
                }.class("card")
            }
        }
    }
}
