import Foundation
import Plot

/// Roll, bank result and provincial list side by side.
enum ThreeWayView {
    static func render(_ ctx: PageContext, _ m: ThreeWayModel) -> String {
        Layout.render(ctx, title: "三方核对（\(m.period)）") {
            Div {
                if m.compared {
                    if m.allAgree {
                        StatusBadge(text: "三方完全匹配", tone: "ok").id("three-way-match")
                    } else {
                        StatusBadge(text: "\(m.differingIDs) 个身份证号存在差异", tone: "warn")
                    }
                } else {
                    Paragraph("须先导入银行发放结果和省级系统发放名单，才能三方核对。")
                }
                if m.compared {
                    Form(url: ThreeWayRoutes.show(m.rollID), method: .get) {
                        SelectField(
                            label: "银行结果", name: "result", options: m.results.map { ($0.id, $0.label) },
                            selected: m.selectedResult)
                        SelectField(
                            label: "省级名单", name: "list", options: m.provincialLists.map { ($0.id, $0.label) },
                            selected: m.selectedList)
                        Button("核对").attribute(named: "type", value: "submit")
                    }
                }
                Link("返回花名册", url: RollRoutes.show(m.rollID))
            }.class("card")
            if m.compared {
                Div {
                    H2("差异数")
                    Table(
                        header: TableRow {
                            TableHeaderCell("比较")
                            for c in m.pairs.first?.counts ?? [] { TableHeaderCell(c.label) }
                            TableHeaderCell("合计")
                        }
                    ) {
                        for p in m.pairs {
                            TableRow {
                                TableCell(p.label)
                                for c in p.counts { TableCell(String(c.count)) }
                                TableCell(String(p.total)).class("total")
                            }
                        }
                    }.class("grid").id("pairs")
                }.class("card")
                if !m.rows.isEmpty {
                    Div {
                        H2("逐人对照（前 \(m.rows.count) 个有差异的身份证号）")
                        Table(
                            header: TableRow {
                                TableHeaderCell("身份证号")
                                TableHeaderCell("花名册")
                                TableHeaderCell("银行结果")
                                TableHeaderCell("省级系统")
                            }
                        ) {
                            for r in m.rows {
                                TableRow {
                                    TableCell(r.idNumber).class("mono")
                                    TableCell(r.roll)
                                    TableCell(r.bank)
                                    TableCell(r.province)
                                }
                            }
                        }.class("grid").id("side-by-side")
                    }.class("card")
                }
            }
            if !m.issues.isEmpty {
                Div {
                    H2("省级名单未导入（未写入任何数据）")
                    IssueTable(issues: m.issues, id: "import-errors")
                }.class("card")
            }
            if m.canImport {
                Div {
                    H2("导入省级系统发放名单")
                    Paragraph("XLSX 或 CSV（UTF-8 或 GBK），至少含列：身份证号、姓名、银行卡号、金额。")
                    Form(url: ThreeWayRoutes.upload(m.rollID), method: .post, contentType: .multipartData) {
                        CSRFField(token: ctx.csrf)
                        Input(type: .file, name: "file", isRequired: true)
                        Button("导入").attribute(named: "type", value: "submit")
                    }
                }.class("card")
            }
        }
    }
}
