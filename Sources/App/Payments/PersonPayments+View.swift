import Foundation
import Plot

/// The payments section of the person page.
struct PersonPaymentsSection: Component {
    var m: PersonPaymentsModel

    var body: Component {
        Div {
            H2("发放记录")
            Table(
                header: TableRow {
                    TableHeaderCell("花名册")
                    TableHeaderCell("所属期")
                    TableHeaderCell("类别")
                    TableHeaderCell("金额（元）")
                    TableHeaderCell("账号")
                    TableHeaderCell("花名册状态")
                    TableHeaderCell("银行结果")
                }
            ) {
                for p in m.payments {
                    TableRow {
                        TableCell(p.period)
                        TableCell(p.forPeriod)
                        TableCell(p.kind)
                        TableCell(p.amount).class("num")
                        TableCell(p.card).class("mono")
                        TableCell(p.rollStatus)
                        TableCell(p.bank)
                    }
                }
            }.class("grid").id("person-payments")
            if !m.reissues.isEmpty {
                H3("退票补发")
                cases(m.reissues, id: "person-reissues")
            }
            if !m.recoveries.isEmpty {
                H3("追缴")
                cases(m.recoveries, id: "person-recoveries")
            }
        }.class("card")
    }

    private func cases(_ rows: [PersonPaymentsModel.Case], id: String) -> Component {
        Table(
            header: TableRow {
                TableHeaderCell("所属期")
                TableHeaderCell("金额（元）")
                TableHeaderCell("状态")
                TableHeaderCell("说明")
            }
        ) {
            for c in rows {
                TableRow {
                    TableCell(c.period)
                    TableCell(c.amount).class("num")
                    TableCell(c.status)
                    TableCell(c.detail).class("pre")
                }
            }
        }.class("grid").id(id)
    }
}
