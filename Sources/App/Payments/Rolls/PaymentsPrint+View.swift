import Foundation
import Plot

/// The printable roll (发放花名册): a page of its own, without the site frame, laid out for A4
/// landscape as the sheets `RollPrint` cut: each sheet its own block with 第x页 共y页, its page
/// subtotal, the village's total on its last sheet and the grand total on the last, and a 草稿
/// watermark while the roll is not approved. The signature version has an empty column for the
/// payee's signature and says it is not to be posted; the public version masks the numbers.
enum PaymentsPrintView {
    static func render(_ m: RollPrintModel) -> String {
        let html = HTML(
            .lang(.chinese),
            .head(
                .encoding(.utf8),
                .documentTitle(m.title),
                .stylesheet(StaticAssets.printRollCSS),
                .script(.src(StaticAssets.appJS), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .component(content(m))
            )
        )
        return html.render()
    }

    private static func content(_ m: RollPrintModel) -> Component {
        ComponentGroup {
            toolbar(m)
            if m.sheets.isEmpty {
                Paragraph("所选范围内没有发放对象。").class("empty")
            }
            for sheet in m.sheets {
                self.sheet(sheet, of: m)
            }
        }
    }

    private static func toolbar(_ m: RollPrintModel) -> Component {
        Div {
            Paragraph {
                Text("\(m.title)（\(m.status)）  \(m.scopeName)：\(m.people)人，\(m.total)元，共\(m.sheets.count)页  ")
                // No inline handler: the Content-Security-Policy allows only /js/app.js to run.
                Button("打印").attribute(named: "type", value: "button").attribute(named: "data-action", value: "print")
                if !m.otherVersionURL.isEmpty {
                    Text("  ")
                    Link(m.notice ? "改为签名版（完整号码）" : "改为公示版（隐去号码）", url: m.otherVersionURL).id(
                        "other-version")
                }
            }
            if !m.townships.isEmpty {
                Paragraph {
                    Text("按乡镇打印：")
                    for t in m.townships {
                        Span {
                            if t.selected {
                                Element(name: "strong") { Text(t.name) }
                            } else {
                                Text(t.name)
                            }
                            Text(" ")
                            Link("签名版", url: t.signatureURL)
                            Text(" / ")
                            Link("公示版", url: t.noticeURL)
                        }.class("township")
                    }
                }.id("townships")
            }
        }.class("no-print")
    }

    private static func sheet(_ s: RollPrintModel.Sheet, of m: RollPrintModel) -> Component {
        let columns = m.notice ? 8 : 9
        return Div {
            if m.draft {
                Div("草稿").class("watermark")
            }
            H1(m.title)
            Div {
                Span("\(s.township) \(s.village)    发放期：\(m.period)")
                Span("第\(s.number)页 共\(m.sheets.count)页").class("page-number")
            }.class("sub")
            Table(
                header: TableRow {
                    TableHeaderCell("序号")
                    TableHeaderCell("组")
                    TableHeaderCell("户主")
                    TableHeaderCell("姓名")
                    TableHeaderCell("身份证号")
                    TableHeaderCell("银行卡号")
                    TableHeaderCell("金额（元）")
                    TableHeaderCell("备注")
                    if !m.notice {
                        TableHeaderCell("领款人签名")
                    }
                }
            ) {
                for r in s.rows {
                    TableRow {
                        TableCell(String(r.number)).class("num")
                        TableCell(r.group)
                        TableCell(r.head)
                        TableCell(r.name)
                        TableCell(r.idNumber).class("mono")
                        TableCell(r.card).class("mono")
                        TableCell(r.amount).class("num")
                        TableCell(r.note)
                        if !m.notice {
                            TableCell("").class("sign")
                        }
                    }
                }
                totalRow("本页小计", people: s.subtotalPeople, amount: s.subtotal, columns: columns, kind: "page-total")
                if let v = s.villageTotal {
                    totalRow(
                        "\(s.village)合计", people: v.people, amount: v.amount, columns: columns, kind: "village-total")
                }
                if let g = s.grandTotal {
                    totalRow(
                        "\(m.scopeName)总计", people: g.people, amount: g.amount, columns: columns, kind: "grand-total")
                }
            }
            if m.notice {
                Paragraph("公示版：身份证号、银行卡号已隐去中间数字。公示期间如有异议，请向所在乡镇移民专干或县移民事务中心反映。").class("foot")
            } else {
                Paragraph("村经办人：__________    村负责人：__________    乡镇审核：__________    日期：__________").class("foot")
                Paragraph("本表含完整身份证号和银行卡号，仅供发放对象核对签名，不得张贴公示；公示请打印公示版。").class("foot warning")
            }
        }.class("sheet")
    }

    private static func totalRow(_ label: String, people: String, amount: String, columns: Int, kind: String)
        -> Component
    {
        TableRow {
            TableCell("\(label)：\(people)人").attribute(named: "colspan", value: "6")
            TableCell(amount).class("num")
            TableCell("").attribute(named: "colspan", value: String(columns - 7))
        }.class("total \(kind)")
    }
}
