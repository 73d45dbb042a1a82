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
                    if m.periodChoices.isEmpty {
                        Paragraph("没有可生成的发放期：请先录入扶持政策版本，或各期花名册均已审批。").class("muted")
                    } else {
                        Form(url: RollRoutes.create.path(), method: .post) {
                            CSRFField(token: ctx.csrf)
                            SelectField(
                                label: "发放期", name: "period", options: m.periodChoices, selected: m.suggestedPeriod,
                                required: true)
                            Button("生成").attribute(named: "type", value: "submit")
                        }.id("generate-form")
                        Paragraph(
                            "列表为政策覆盖的各期（至下一期），已审批的期次不再列出。生成后如本期发放人数比上期减少超过\(m.dropWarningPercent)%，花名册页会提示核对。"
                        ).class("muted")
                    }
                }.class("card")
            }
            Div {
                H2("发放花名册")
                if let scope = m.scopeName {
                    Paragraph("以下人数和金额仅为\(scope)的发放对象。").class("scope-note")
                }
                if let summary = m.summary {
                    Paragraph(summary).class("summary").id("rolls-summary")
                }
                Table(
                    header: TableRow {
                        TableHeaderCell("发放期")
                        TableHeaderCell("状态")
                        TableHeaderCell("发放人数").class("num")
                        TableHeaderCell("金额（元）").class("num")
                        TableHeaderCell("不予发放").class("num")
                        TableHeaderCell("生成人")
                        TableHeaderCell("审批人")
                    }
                ) {
                    for r in m.rows {
                        TableRow {
                            TableCell { Link(r.periodChinese, url: RollRoutes.show(r.id)) }
                            TableCell { StatusBadge(text: r.status, tone: r.locked ? "ok" : "warn") }
                            TableCell(Figures.count(r.lines)).class("num")
                            TableCell(r.total).class("num")
                            TableCell(Figures.count(r.excluded)).class("num")
                            TableCell(r.generatedBy)
                            TableCell(r.approvedBy)
                        }
                    }
                    if m.rows.isEmpty {
                        TableRow {
                            TableCell("暂无发放花名册").class("muted").attribute(named: "colspan", value: "7")
                        }.class("empty")
                    }
                }.class("grid").id("rolls")
            }.class("card")
            if !m.discarded.isEmpty {
                Div {
                    H2("已作废的草稿")
                    Table(
                        header: TableRow {
                            TableHeaderCell("发放期")
                            TableHeaderCell("作废时人数").class("num")
                            TableHeaderCell("作废时金额（元）").class("num")
                            TableHeaderCell("作废人")
                            TableHeaderCell("作废时间")
                            TableHeaderCell("原因")
                        }
                    ) {
                        for d in m.discarded {
                            TableRow {
                                TableCell { Link(d.periodChinese, url: RollRoutes.show(d.id)) }
                                TableCell(d.lines).class("num")
                                TableCell(d.total).class("num")
                                TableCell(d.discardedBy)
                                TableCell(d.discardedAt)
                                TableCell(d.reason)
                            }
                        }
                    }.class("grid").id("discarded-rolls")
                }.class("card")
            }
        }
    }

    static func roll(_ ctx: PageContext, _ m: RollDetailModel) -> String {
        Layout.render(ctx, title: "\(m.periodChinese)发放花名册") {
            if let drop = m.payeeDrop {
                Div {
                    Element(name: "strong") { Text("发放人数明显减少 ") }
                    Text(drop)
                }.class("error payee-drop").id("payee-drop")
            }
            Div {
                StatusBadge(text: m.status, tone: m.discarded ? "bad" : m.locked ? "ok" : "warn")
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
                    if !m.discarded {
                        Link("打印花名册", url: RollRoutes.print(m.id))
                        Text(" · ")
                        Link("公示版", url: RollRoutes.print(m.id, notice: true))
                    }
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
                if m.discarded {
                    Paragraph("这份草稿已作废：它的明细已清除，人数和金额为作废时的数字；该期可在发放管理页重新生成。").class("muted").id(
                        "discarded-note")
                }
            }.class("card")
            if m.canDiscard {
                Div {
                    H2("作废草稿")
                    Form(url: RollRoutes.discard(m.id), method: .post) {
                        CSRFField(token: ctx.csrf)
                        TextAreaField(label: "作废原因（必填，记入审计日志）", name: "reason", required: true)
                        Button("作废此草稿").attribute(named: "type", value: "submit").class("danger")
                    }.id("discard-form")
                    Paragraph("作废后草稿保留备查但不再有效，其占用的退票补发记录释放，该期可重新生成；已审批的花名册不能作废。").class("muted")
                }.class("card")
            }
            if m.canSeeResults && !m.results.isEmpty {
                Div {
                    H2("银行发放结果与对账")
                    Table(
                        header: TableRow {
                            TableHeaderCell("文件")
                            TableHeaderCell("行数").class("num")
                            TableHeaderCell("失败").class("num")
                            TableHeaderCell("差异").class("num")
                            TableHeaderCell("导入人")
                            TableHeaderCell("导入时间")
                        }
                    ) {
                        for r in m.results {
                            TableRow {
                                TableCell { Link(r.fileName, url: BankResultRoutes.show(r.id)) }
                                TableCell(Figures.count(r.rows)).class("num")
                                TableCell(Figures.count(r.failed)).class("num")
                                TableCell {
                                    if r.differences == 0 {
                                        StatusBadge(text: "完全匹配", tone: "ok")
                                    } else {
                                        Text(Figures.count(r.differences))
                                    }
                                }.class("num")
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
                        TableHeaderCell("人数").class("num")
                        TableHeaderCell("金额（元）").class("num")
                        TableHeaderCell("花名册")
                    }
                ) {
                    for t in m.totals {
                        TableRow {
                            TableCell(t.township)
                            TableCell(t.village)
                            TableCell(Figures.count(t.people)).class("num")
                            TableCell(t.amount).class("num")
                            TableCell {
                                if !t.isTownshipTotal && !m.discarded {
                                    Link("打印", url: RollRoutes.print(m.id, village: t.villageCode))
                                }
                            }
                        }.class(t.isGrandTotal ? "total" : t.isTownshipTotal ? "subtotal" : "")
                    }
                }.class("grid").id("totals")
                if !m.printLinks.isEmpty && !m.discarded {
                    Paragraph {
                        Text("按乡镇打印花名册：")
                        for link in m.printLinks {
                            Span {
                                Text(link.township + " ")
                                Link("签名版", url: link.signatureURL)
                                Text(" / ")
                                Link("公示版", url: link.noticeURL)
                            }.class("print-link")
                        }
                    }.id("print-townships")
                }
            }.class("card")
            if !m.exclusionCounts.isEmpty {
                Div {
                    H2("不予发放原因")
                    Facts(rows: m.exclusionCounts.map { ($0.0, Figures.count($0.1)) })
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
                TableHeaderCell("序号").class("num")
                TableHeaderCell("乡镇")
                TableHeaderCell("村")
                TableHeaderCell("姓名")
                TableHeaderCell("身份证号")
                TableHeaderCell("银行卡号")
                TableHeaderCell("金额（元）").class("num")
                TableHeaderCell("类别")
            }
        ) {
            for l in lines {
                TableRow {
                    TableCell(String(l.seq)).class("num")
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
                        TableHeaderCell("年标准（元）").class("num")
                        TableHeaderCell("每期（元）").class("num")
                        TableHeaderCell("每年期数").class("num")
                        TableHeaderCell("现状扶持年限").class("num")
                        TableHeaderCell("原迁扶持年限").class("num")
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
                            TableCell(String(r.periodsPerYear)).class("num")
                            TableCell(String(r.existingYears)).class("num")
                            TableCell(String(r.relocatedYears)).class("num")
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
