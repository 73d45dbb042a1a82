import Foundation
import Plot

/// The list of rolls and the page of one roll.
enum PaymentsView {
    static func list(_ ctx: PageContext, _ m: RollListModel) -> String {
        Layout.render(ctx, title: "发放管理") {
            Div {
                Link("扶持政策版本", url: PolicyRoutes.list.path())
                Text(" · ")
                Link("退票补发清单", url: PaymentCaseRoutes.reissues.path())
                Text(" · ")
                Link("追缴清单", url: PaymentCaseRoutes.recoveries.path())
            }.class("card")
            if m.canGenerate {
                Div {
                    H2("生成发放花名册")
                    Form(url: RollRoutes.create.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        FormField(label: "发放期（如 2022Q3）", name: "period", value: m.suggestedPeriod, required: true)
                        Button("生成").attribute(named: "type", value: "submit")
                    }
                }.class("card")
            }
            Div {
                H2("发放花名册")
                if let scope = m.scopeName {
                    Paragraph("以下人数和金额仅为\(scope)的发放对象。").class("scope-note")
                }
                Table(
                    header: TableRow {
                        TableHeaderCell("发放期")
                        TableHeaderCell("状态")
                        TableHeaderCell("发放人数")
                        TableHeaderCell("金额（元）")
                        TableHeaderCell("不予发放")
                        TableHeaderCell("生成人")
                        TableHeaderCell("审批人")
                    }
                ) {
                    for r in m.rows {
                        TableRow {
                            TableCell { Link("\(r.periodChinese)（\(r.period)）", url: RollRoutes.show(r.id)) }
                            TableCell { StatusBadge(text: r.status, tone: r.locked ? "ok" : "warn") }
                            TableCell(String(r.lines))
                            TableCell(r.total).class("num")
                            TableCell(String(r.excluded))
                            TableCell(r.generatedBy)
                            TableCell(r.approvedBy)
                        }
                    }
                }.class("grid").id("rolls")
            }.class("card")
        }
    }

    static func roll(_ ctx: PageContext, _ m: RollDetailModel) -> String {
        Layout.render(ctx, title: "\(m.periodChinese)发放花名册") {
            Div {
                StatusBadge(text: m.status, tone: m.locked ? "ok" : "warn")
                Facts(rows: m.facts)
                Div {
                    if m.canGenerate {
                        Form(url: RollRoutes.regenerate(m.id), method: .post) {
                            CSRFField(token: ctx.csrf)
                            Button("重新生成").attribute(named: "type", value: "submit")
                        }.class("inline")
                    }
                    if m.canApprove {
                        Form(url: RollRoutes.approve(m.id), method: .post) {
                            CSRFField(token: ctx.csrf)
                            Button("审批并锁定").attribute(named: "type", value: "submit")
                        }.class("inline")
                    } else if !m.locked {
                        Paragraph("花名册须由中心领导审批，且审批人不能是生成人；审批后锁定，方可导出一卡通文件。").class("muted").id("approval-hint")
                    }
                    Link("打印花名册", url: RollRoutes.print(m.id))
                    if m.canExport {
                        Text(" · ")
                        Link("导出一卡通文件（XLSX）", url: RollRoutes.exportXLSX(m.id))
                        Text(" · ")
                        Link("CSV（UTF-8）", url: RollRoutes.exportCSV(m.id))
                        Text(" · ")
                        Link("CSV（GBK）", url: RollRoutes.exportCSV(m.id, encoding: "gbk"))
                    }
                    if m.canImport {
                        Text(" · ")
                        Link("导入银行发放结果", url: BankResultRoutes.form(m.id))
                    }
                }.class("actions")
            }.class("card")
            if m.canSeeResults && !m.results.isEmpty {
                Div {
                    H2("银行发放结果与对账")
                    Table(
                        header: TableRow {
                            TableHeaderCell("文件")
                            TableHeaderCell("行数")
                            TableHeaderCell("失败")
                            TableHeaderCell("差异")
                            TableHeaderCell("导入人")
                            TableHeaderCell("导入时间")
                        }
                    ) {
                        for r in m.results {
                            TableRow {
                                TableCell { Link(r.fileName, url: BankResultRoutes.show(r.id)) }
                                TableCell(String(r.rows))
                                TableCell(String(r.failed))
                                TableCell {
                                    if r.differences == 0 {
                                        StatusBadge(text: "完全匹配", tone: "ok")
                                    } else {
                                        Text(String(r.differences))
                                    }
                                }
                                TableCell(r.importedBy)
                                TableCell(r.importedAt)
                            }
                        }
                    }.class("grid").id("results")
                    Link("三方核对（花名册 · 银行结果 · 省级系统）", url: ThreeWayRoutes.show(m.id))
                }.class("card")
            }
            Div {
                H2("分乡镇、村汇总")
                Table(
                    header: TableRow {
                        TableHeaderCell("乡镇")
                        TableHeaderCell("村")
                        TableHeaderCell("人数")
                        TableHeaderCell("金额（元）")
                        TableHeaderCell("花名册")
                    }
                ) {
                    for t in m.totals {
                        TableRow {
                            TableCell(t.township)
                            TableCell(t.village)
                            TableCell(String(t.people))
                            TableCell(t.amount).class("num")
                            TableCell {
                                if !t.isTownshipTotal {
                                    Link("打印", url: RollRoutes.print(m.id, village: t.villageCode))
                                }
                            }
                        }.class(t.isTownshipTotal ? "subtotal" : "")
                    }
                }.class("grid").id("totals")
            }.class("card")
            if !m.exclusionCounts.isEmpty {
                Div {
                    H2("不予发放原因")
                    Facts(rows: m.exclusionCounts.map { ($0.0, String($0.1)) })
                }.class("card")
            }
            Div {
                Div {
                    Link("发放对象", url: RollRoutes.show(m.id, tab: "lines")).class(m.tab == "lines" ? "active" : "")
                    Text(" · ")
                    Link("不予发放名单", url: RollRoutes.show(m.id, tab: "excluded")).class(
                        m.tab == "excluded" ? "active" : "")
                }.class("tabs")
                if m.tab == "excluded" {
                    Table(
                        header: TableRow {
                            TableHeaderCell("乡镇")
                            TableHeaderCell("村")
                            TableHeaderCell("姓名")
                            TableHeaderCell("身份证号")
                            TableHeaderCell("原因")
                        }
                    ) {
                        for e in m.excluded {
                            TableRow {
                                TableCell(e.township)
                                TableCell(e.village)
                                TableCell(e.name)
                                TableCell(e.idNumber).class("mono")
                                TableCell(e.reason)
                            }
                        }
                    }.class("grid").id("excluded")
                } else {
                    lineTable(m.lines, id: "lines")
                }
                Pager(
                    basePath: RollRoutes.show(m.id), query: [("tab", m.tab)], page: m.page, pageCount: m.pageCount,
                    total: m.total)
            }.class("card")
        }
    }

    static func lineTable(_ lines: [RollDetailModel.Line], id: String) -> Component {
        Table(
            header: TableRow {
                TableHeaderCell("序号")
                TableHeaderCell("乡镇")
                TableHeaderCell("村")
                TableHeaderCell("姓名")
                TableHeaderCell("身份证号")
                TableHeaderCell("银行卡号")
                TableHeaderCell("金额（元）")
                TableHeaderCell("类别")
            }
        ) {
            for l in lines {
                TableRow {
                    TableCell(String(l.seq))
                    TableCell(l.township)
                    TableCell(l.village)
                    TableCell(l.name)
                    TableCell(l.idNumber).class("mono")
                    TableCell(l.card).class("mono")
                    TableCell(l.amount).class("num")
                    TableCell(l.kind)
                }
            }
        }.class("grid").id(id)
    }

    static func policies(_ ctx: PageContext, _ m: PolicyListModel) -> String {
        Layout.render(ctx, title: "扶持政策版本") {
            Div {
                Paragraph("每一期按该期第一天有效的政策版本计算；政策只能新增版本，不能修改，已生成的花名册不受影响。")
                Table(
                    header: TableRow {
                        TableHeaderCell("生效日期")
                        TableHeaderCell("年标准（元）")
                        TableHeaderCell("每期（元）")
                        TableHeaderCell("每年期数")
                        TableHeaderCell("现状扶持年限")
                        TableHeaderCell("原迁扶持年限")
                        TableHeaderCell("摘要")
                        TableHeaderCell("依据")
                        TableHeaderCell("录入人")
                    }
                ) {
                    for r in m.rows {
                        TableRow {
                            TableCell(r.effectiveFrom)
                            TableCell(r.yearly).class("num")
                            TableCell(r.perPeriod).class("num")
                            TableCell(String(r.periodsPerYear))
                            TableCell(String(r.existingYears))
                            TableCell(String(r.relocatedYears))
                            TableCell(r.memo)
                            TableCell(r.document)
                            TableCell(r.createdBy)
                        }
                    }
                }.class("grid").id("policies")
            }.class("card")
            if m.canAdd {
                Div {
                    H2("新增政策版本")
                    Form(url: PolicyRoutes.add.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        FormField(label: "生效日期", name: "effective_from", type: .date, required: true)
                        FormField(label: "年补助标准（元）", name: "yearly_rate", value: "600.00", required: true)
                        FormField(label: "每年发放期数", name: "periods_per_year", value: "4", required: true)
                        FormField(label: "现状人口扶持年限", name: "existing_years", value: "20", required: true)
                        FormField(label: "原迁人口扶持年限", name: "relocated_years", value: "20", required: true)
                        FormField(label: "银行文件摘要", name: "memo", value: "移民后扶", required: true)
                        FormField(label: "政策依据（文号）", name: "document", required: true)
                        Button("新增").attribute(named: "type", value: "submit")
                    }
                }.class("card")
            }
        }
    }
}
