import Foundation
import Plot
import ResettleCore

/// The deadline board and the statistics.
extension PetitionsView {
    /// The board's table; the home pages show the same.
    static func boardTable(_ board: PetitionBoard, regions: RegionDirectory) -> Component {
        DataTable(
            header: ["时限", "编号", "乡镇", "事项", "承办人", "届满", "状态"],
            rows: board.items.map { i in
                [
                    .text(i.clock.kind.chinese), .link(i.number, url: PetitionRoutes.show(i.petitionID)),
                    .text(regions.name(i.townshipCode)), .text(i.summary ?? "（限制查阅）"), .text(i.assignee ?? ""),
                    .text(i.clock.dueOn.iso), .badge(i.label, tone: i.tone),
                ]
            }, id: "petition-board")
    }

    static func disputeTable(_ entries: [DisputeScreening], regions: RegionDirectory) -> Component {
        DataTable(
            header: ["排查日期", "期次", "乡镇", "事由", "风险", "涉及人员", "化解措施", "跟进情况", "化解日期"],
            rows: entries.map { d in
                [
                    .text(d.foundOn), .text(d.period), .text(regions.name(d.townshipCode)), .text(d.subject),
                    .badge(
                        d.riskValue.chinese,
                        tone: d.riskValue == .high ? "bad" : d.riskValue == .medium ? "warn" : "pending"),
                    .text(d.people), .text(d.measures), .text(d.followUp), .text(d.resolvedOn ?? ""),
                ]
            }, id: "disputes")
    }

    static func board(_ ctx: PageContext, _ board: PetitionBoard, regions: RegionDirectory) -> String {
        Layout.render(ctx, title: "信访时限预警") {
            subMenu()
            Div {
                Paragraph(
                    "已逾期\(board.overdue)项，3日内到期\(board.withinThree)项，4至7日内到期\(board.withinSeven)项。红色为已逾期，黄色为3日内到期，按剩余天数排列。"
                )
                boardTable(board, regions: regions)
            }.class("card")
            Div {
                H2("高风险矛盾纠纷（未化解）")
                disputeTable(board.disputes, regions: regions)
            }.class("card")
        }
    }

    static func statistics(
        _ ctx: PageContext, _ s: PetitionStatistics, regions: RegionDirectory, townships: [(String, String)]
    ) -> String {
        let query: [(String, String)] = [("from", s.from.iso), ("to", s.to.iso), ("township", s.townshipCode ?? "")]
            .filter { !$0.1.isEmpty }
        let t = s.tally
        return Layout.render(ctx, title: "信访统计（\(s.from.iso)至\(s.to.iso)）") {
            subMenu()
            Div {
                Form(url: PetitionRoutes.statistics.path(), method: .get) {
                    Div {
                        FormField(label: "起", name: "from", value: s.from.iso, type: .date)
                        FormField(label: "止", name: "to", value: s.to.iso, type: .date)
                        SelectField(
                            label: "乡镇", name: "township", options: [("", "全部")] + townships,
                            selected: s.townshipCode ?? "")
                        SubmitButton("统计")
                    }.class("filters")
                }
                Paragraph(
                    "接待信访\(t.batches)批\(t.personTimes)人次（集体访\(t.groupBatches)批），受理\(t.accepted)件，办结\(t.closed)件，办结率\(PetitionTally.percent(t.closureRateBasisPoints))，按期办结率\(PetitionTally.percent(t.onTimeRateBasisPoints))，重复信访\(t.repeats)件。"
                ).id("petition-summary")
                Paragraph {
                    Link("导出 XLSX", url: PetitionRoutes.statisticsWorkbook.path(query: query)).class("button")
                }
                DataTable(
                    header: PetitionStatistics.header,
                    rows: (s.byTownship.map { (regions.name($0.code), $0.tally) } + [("合计", t)]).map { name, tally in
                        PetitionStatistics.row(name, tally).map { cell in
                            switch cell {
                            case .text(let v): return .text(v)
                            case .integer(let n): return .number(String(n))
                            default: return .text("")
                            }
                        }
                    }, id: "petition-statistics")
            }.class("card")
            Div {
                H2("按类别")
                DataTable(
                    header: ["类别", "批次"], rows: t.byCategory.map { [.text($0.category), .number(String($0.batches))] },
                    id: "petition-categories")
                Paragraph("批次：每次登记的信访事项计1批，集体访也计1批；人次：各批人数之和；办结率：办结件数÷受理件数。")
            }.class("card")
        }
    }
}
