import Foundation
import Plot

/// After the money moves: failed payments to re-issue, and overpayments to recover.
enum PaymentCasesView {
    static func reissues(_ ctx: PageContext, _ m: ReissueListModel) -> String {
        Layout.render(ctx, title: "退票补发清单") {
            Div {
                Paragraph("银行退票的款项在发放账户更正（银行卡号与退票时不同）后，由下一期花名册补发。")
                Table(
                    header: TableRow {
                        TableHeaderCell("姓名")
                        TableHeaderCell("身份证号")
                        TableHeaderCell("乡镇")
                        TableHeaderCell("所属期")
                        TableHeaderCell("金额（元）")
                        TableHeaderCell("退票账号")
                        TableHeaderCell("现账号")
                        TableHeaderCell("退票原因")
                        TableHeaderCell("状态")
                        TableHeaderCell("补发花名册")
                    }
                ) {
                    for r in m.rows {
                        TableRow {
                            TableCell { Link(r.name, url: RegisterRoutes.person(r.personID)) }
                            TableCell(r.idNumber).class("mono")
                            TableCell(r.township)
                            TableCell(r.period)
                            TableCell(r.amount).class("num")
                            TableCell(r.failedCard).class("mono")
                            TableCell(r.currentCard).class("mono")
                            TableCell(r.failure)
                            TableCell { StatusBadge(text: r.status, tone: r.ready ? "ok" : "warn") }
                            TableCell {
                                if !r.claimRollID.isEmpty { Link(r.claimRoll, url: RollRoutes.show(r.claimRollID)) }
                            }.class("claim")
                        }
                    }
                }.class("grid").id("reissues")
            }.class("card")
        }
    }

    static func recoveries(_ ctx: PageContext, _ m: RecoveryListModel) -> String {
        Layout.render(ctx, title: "追缴清单") {
            Div {
                Paragraph("已发放但按当时状态不应发放的款项（如调减、死亡生效后仍发放）。待追缴合计：\(m.openTotal)元。")
                if m.canEdit {
                    Form(url: PaymentCaseRoutes.scan.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Button("排查应追缴款项").attribute(named: "type", value: "submit")
                    }.class("inline")
                }
                Table(
                    header: TableRow {
                        TableHeaderCell("姓名")
                        TableHeaderCell("身份证号")
                        TableHeaderCell("乡镇")
                        TableHeaderCell("所属期")
                        TableHeaderCell("金额（元）")
                        TableHeaderCell("原因")
                        TableHeaderCell("状态")
                        TableHeaderCell("说明")
                        TableHeaderCell("办理")
                    }
                ) {
                    for r in m.rows {
                        TableRow {
                            TableCell { Link(r.name, url: RegisterRoutes.person(r.personID)) }
                            TableCell(r.idNumber).class("mono")
                            TableCell(r.township)
                            TableCell(r.period)
                            TableCell(r.amount).class("num")
                            TableCell(r.reason)
                            TableCell(r.status)
                            TableCell(r.notes).class("pre")
                            TableCell {
                                if m.canEdit && r.open {
                                    Form(url: PaymentCaseRoutes.update(r.id), method: .post) {
                                        CSRFField(token: ctx.csrf)
                                        SelectField(label: "状态", name: "status", options: m.statuses, selected: "open")
                                        FormField(label: "说明", name: "note")
                                        Button("保存").attribute(named: "type", value: "submit")
                                    }
                                }
                            }
                        }
                    }
                }.class("grid").id("recoveries")
            }.class("card")
        }
    }
}
