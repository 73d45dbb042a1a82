import Foundation
import Plot

/// The printable roll (发放花名册): a page of its own, without the site frame, laid out for A4
/// landscape with each village starting on a new sheet and an empty column for the payee's
/// signature.
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
            Paragraph {
                Text("\(m.title)（\(m.status)）  ")
                // No inline handler: the Content-Security-Policy allows only /js/app.js to run.
                Button("打印").attribute(named: "type", value: "button").attribute(named: "data-action", value: "print")
            }.class("no-print")
            for v in m.villages {
                Div {
                    H1(m.title)
                    Paragraph("\(v.township) \(v.village)    发放期：\(m.period)    人数：\(v.lines.count)    合计：\(v.total)元")
                        .class("sub")
                    Table(
                        header: TableRow {
                            TableHeaderCell("序号")
                            TableHeaderCell("姓名")
                            TableHeaderCell("身份证号")
                            TableHeaderCell("银行卡号")
                            TableHeaderCell("金额（元）")
                            TableHeaderCell("签名")
                        }
                    ) {
                        for (i, l) in v.lines.enumerated() {
                            TableRow {
                                TableCell(String(i + 1))
                                TableCell(l.name + (l.kind == "补发" ? "（补发\(l.forPeriod)）" : ""))
                                TableCell(l.idNumber)
                                TableCell(l.card)
                                TableCell(l.amount).class("num")
                                TableCell("").class("sign")
                            }
                        }
                    }
                    Paragraph("村经办人：__________    村负责人：__________    乡镇审核：__________    日期：__________").class("foot")
                }.class("village")
            }
        }
    }
}
