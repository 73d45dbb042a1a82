import Foundation
import Plot

/// Importing the bank's result, matching its columns, the preview before it is written, and
/// the reconciliation it produces (with its void).
enum BankResultsView {
    static func upload(_ ctx: PageContext, _ m: BankUploadModel) -> String {
        Layout.render(ctx, title: "导入银行发放结果（\(Figures.period(m.period))）") {
            if let mapping = m.mapping {
                Div {
                    H2("指定列对应关系")
                    if !mapping.message.isEmpty { Paragraph(mapping.message).class("error") }
                    Paragraph("文件“\(mapping.fileName)”的表头为：\(mapping.header.joined(separator: "、"))。请为每一项选择文件中对应的列。")
                    Form(url: BankResultRoutes.mapped(m.rollID), method: .post) {
                        CSRFField(token: ctx.csrf)
                        HiddenField(name: "sha256", value: mapping.sha256)
                        HiddenField(name: "file_name", value: mapping.fileName)
                        for f in mapping.fields {
                            SelectField(
                                label: f.label + (f.required ? "（必选）" : "（可选）"), name: "col_\(f.key)",
                                options: [("", "— 无 —")] + mapping.header.filter { !$0.isEmpty }.map { ($0, $0) },
                                selected: f.selected, required: f.required)
                        }
                        Button("按此对应读取并预览").attribute(named: "type", value: "submit")
                    }.id("mapping")
                }.class("card")
            }
            if !m.issues.isEmpty {
                Div {
                    H2("文件未导入：共 \(m.issueTotal) 处问题，须全部改正后重新导入（未写入任何数据）")
                    IssueTable(issues: m.issues, id: "import-errors")
                }.class("card")
            }
            Div {
                H2("上传银行结果文件")
                Paragraph(
                    "支持 XLSX 或 CSV（UTF-8 或 GBK）。应有列：身份证号、姓名、银行卡号（卡号）、金额（实发金额）、状态（成功/失败），可选：失败原因、交易日期。金额只写数字，如 150.00。")
                Paragraph("上传后先显示预览（各类人数和前几行的读取结果），确认后才导入。").class("muted")
                Form(url: BankResultRoutes.upload(m.rollID), method: .post, contentType: .multipartData) {
                    CSRFField(token: ctx.csrf)
                    Input(type: .file, name: "file", isRequired: true)
                    Button("上传并预览").attribute(named: "type", value: "submit")
                }
                Link("返回花名册", url: RollRoutes.show(m.rollID))
            }.class("card")
        }
    }

    static func reconciliation(_ ctx: PageContext, _ m: ReconciliationModel) -> String {
        Layout.render(ctx, title: "对账结果（\(Figures.period(m.period))）") {
            if let v = m.voided {
                Div {
                    StatusBadge(text: "已作废", tone: "bad")
                    Paragraph("该银行结果已由 \(v.by) 于 \(v.at) 作废，原因：\(v.reason)。它不再计入花名册和三方核对，其产生的退票补发已撤回；结果、明细和原文件保留备查。")
                }.class("card voided").id("voided")
            }
            Div {
                if m.voided != nil {
                    StatusBadge(text: "已作废", tone: "bad")
                } else if m.exactMatch {
                    StatusBadge(text: "完全匹配", tone: "ok").id("exact-match")
                } else {
                    StatusBadge(text: "共 \(m.total) 处差异", tone: "warn")
                }
                Facts(rows: [
                    ("银行结果文件", m.fileName), ("花名册行数", Figures.count(m.rollRows)),
                    ("银行结果行数", Figures.count(m.paidRows)), ("发放失败行数", Figures.count(m.failed)), ("银行实发金额（元）", m.paid),
                    ("导入人", m.importedBy), ("导入时间", m.importedAt),
                ])
                Link("返回花名册", url: RollRoutes.show(m.rollID))
                Text(" · ")
                Link("导出差异（XLSX）", url: BankResultRoutes.exportDifferences(m.resultID))
            }.class("card")
            Div {
                H2("差异分类")
                Table(
                    header: TableRow {
                        TableHeaderCell("类别")
                        TableHeaderCell("条数").class("num")
                    }
                ) {
                    for c in m.counts {
                        TableRow {
                            TableCell { Link(c.label, url: BankResultRoutes.show(m.resultID, kind: c.kind)) }
                            TableCell(Figures.count(c.count)).class("num").attribute(named: "data-kind", value: c.kind)
                        }.class(m.kind == c.kind ? "selected" : "")
                    }
                }.class("grid").id("counts")
                Paragraph("每人每类只计一次；发放失败的人只计入“发放失败”，不再计入“金额不符”（未发放，无金额可比）。")
                    .class("muted").id("counting-rule")
            }.class("card")
            Div {
                H2(m.kind.isEmpty ? "全部差异" : "差异：\(m.counts.first { $0.kind == m.kind }?.label ?? m.kind)")
                Table(
                    header: TableRow {
                        for h in ReconciliationRow.headers { TableHeaderCell(h) }
                    }
                ) {
                    for d in m.differences {
                        TableRow {
                            TableCell(d.kindLabel).attribute(named: "data-kind", value: d.kind)
                            TableCell {
                                if d.personID.isEmpty {
                                    Text(d.name.isEmpty ? "—" : d.name)
                                } else {
                                    Link(d.name, url: RegisterRoutes.person(d.personID))
                                }
                            }
                            TableCell(d.idNumber).class("mono")
                            TableCell(d.township)
                            TableCell(d.village)
                            TableCell(d.detail)
                        }
                    }
                }.class("grid").id("differences")
                Pager(
                    basePath: BankResultRoutes.show(m.resultID), query: [("kind", m.kind)], page: m.page,
                    pageCount: m.pageCount,
                    total: m.filteredTotal)
            }.class("card")
            if m.voided == nil && (m.canVoid || !m.voidRefusal.isEmpty || !m.voidError.isEmpty) {
                Div {
                    H2("作废此银行结果")
                    if !m.voidError.isEmpty { Paragraph("未作废：\(m.voidError)").class("error").id("void-error") }
                    if m.canVoid {
                        Paragraph(
                            "导入了错误的文件或列对应错误时作废。作废须由导入人以外的另一人办理；作废后结果、明细和原文件保留备查，不再计入花名册和三方核对，尚未补发的退票补发随之撤回，可重新导入更正后的文件。"
                        ).class("muted")
                        Form(url: BankResultRoutes.void(m.resultID), method: .post) {
                            CSRFField(token: ctx.csrf)
                            TextAreaField(label: "作废原因（必填，记入审计日志）", name: "reason", required: true)
                            Button("作废此银行结果").attribute(named: "type", value: "submit").class("danger")
                        }.id("void-form")
                    } else if !m.voidRefusal.isEmpty {
                        Paragraph(m.voidRefusal).class("muted").id("void-refusal")
                    }
                }.class("card")
            }
        }
    }

    static func preview(_ ctx: PageContext, _ m: BankPreviewModel) -> String {
        Layout.render(ctx, title: "银行结果预览（\(Figures.period(m.period))）") {
            Div {
                StatusBadge(text: "尚未导入", tone: "warn").id("not-yet-imported")
                Paragraph("以下是文件“\(m.fileName)”按当前列对应读取的结果，尚未写入任何数据。请核对各类人数和前几行，无误后确认导入；列对应有误请返回修改。")
                Facts(rows: [
                    ("银行结果文件", m.fileName), ("花名册行数", Figures.count(m.rollRows)),
                    ("银行结果行数", Figures.count(m.rowCount)), ("发放成功", Figures.count(m.successCount)),
                    ("发放失败", Figures.count(m.failedCount)), ("银行实发金额（元）", m.paid),
                    ("差异合计", Figures.count(m.differenceCount)),
                ])
                if !m.matching.isEmpty {
                    Paragraph("列对应：" + m.matching.map { "\($0.label) ← \($0.header)" }.joined(separator: "；")).id(
                        "matching")
                }
            }.class("card")
            Div {
                H2("各类人数")
                Table(
                    header: TableRow {
                        TableHeaderCell("类别")
                        TableHeaderCell("人数")
                    }
                ) {
                    TableRow {
                        TableCell("发放成功")
                        TableCell(Figures.count(m.successCount)).class("num").attribute(
                            named: "data-kind", value: "succeeded")
                    }
                    for c in m.counts {
                        TableRow {
                            TableCell(c.label)
                            TableCell(Figures.count(c.count)).class("num").attribute(named: "data-kind", value: c.kind)
                        }
                    }
                }.class("grid").id("preview-counts")
            }.class("card")
            Div {
                H2("前 \(m.rows.count) 行（按文件读取）")
                Table(
                    header: TableRow {
                        TableHeaderCell("行号")
                        TableHeaderCell("姓名")
                        TableHeaderCell("身份证号")
                        TableHeaderCell("银行卡号")
                        TableHeaderCell("金额（元）")
                        TableHeaderCell("发放结果")
                        TableHeaderCell("对账")
                    }
                ) {
                    for r in m.rows {
                        TableRow {
                            TableCell(String(r.rowNumber)).class("num")
                            TableCell(r.name)
                            TableCell(r.idNumber).class("mono")
                            TableCell(r.card).class("mono")
                            TableCell(r.amount).class("num")
                            TableCell(r.outcome)
                            TableCell(r.reconciliation)
                        }.class(r.succeeded ? "" : "failed")
                    }
                }.class("grid").id("preview-rows")
            }.class("card")
            Div {
                Form(url: BankResultRoutes.confirm(m.rollID), method: .post) {
                    CSRFField(token: ctx.csrf)
                    HiddenField(name: "preview", value: m.key)
                    Button("确认导入").attribute(named: "type", value: "submit")
                }.id("confirm-form")
                Paragraph {
                    Link("返回修改列对应", url: m.mappingPath).id("back-to-mapping")
                    Text(" · ")
                    Link("放弃，返回花名册", url: RollRoutes.show(m.rollID))
                }
            }.class("card")
        }
    }
}
