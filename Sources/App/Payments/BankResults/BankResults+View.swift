import Foundation
import Plot

/// Importing the bank's result, matching its columns, and the reconciliation it produces.
enum BankResultsView {
    static func upload(_ ctx: PageContext, _ m: BankUploadModel) -> String {
        Layout.render(ctx, title: "导入银行发放结果（\(m.period)）") {
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
                        Button("按此对应导入").attribute(named: "type", value: "submit")
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
                Form(url: BankResultRoutes.upload(m.rollID), method: .post, contentType: .multipartData) {
                    CSRFField(token: ctx.csrf)
                    Input(type: .file, name: "file", isRequired: true)
                    Button("导入").attribute(named: "type", value: "submit")
                }
                Link("返回花名册", url: RollRoutes.show(m.rollID))
            }.class("card")
        }
    }

    static func reconciliation(_ ctx: PageContext, _ m: ReconciliationModel) -> String {
        Layout.render(ctx, title: "对账结果（\(m.period)）") {
            Div {
                if m.exactMatch {
                    StatusBadge(text: "完全匹配", tone: "ok").id("exact-match")
                } else {
                    StatusBadge(text: "共 \(m.total) 处差异", tone: "warn")
                }
                Facts(rows: [
                    ("银行结果文件", m.fileName), ("花名册行数", String(m.rollRows)), ("银行结果行数", String(m.paidRows)),
                    ("发放失败行数", String(m.failed)), ("银行实发金额（元）", m.paid),
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
                        TableHeaderCell("代码")
                        TableHeaderCell("条数")
                    }
                ) {
                    for c in m.counts {
                        TableRow {
                            TableCell { Link(c.label, url: BankResultRoutes.show(m.resultID, kind: c.kind)) }
                            TableCell(c.kind).class("mono")
                            TableCell(String(c.count)).attribute(named: "data-kind", value: c.kind)
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
                        TableHeaderCell("类别")
                        TableHeaderCell("身份证号")
                        TableHeaderCell("详情")
                    }
                ) {
                    for d in m.differences {
                        TableRow {
                            TableCell(d.kind).class("mono")
                            TableCell(d.idNumber).class("mono")
                            TableCell(d.detail)
                        }
                    }
                }.class("grid").id("differences")
                Pager(
                    basePath: BankResultRoutes.show(m.resultID), query: [("kind", m.kind)], page: m.page,
                    pageCount: m.pageCount,
                    total: m.filteredTotal)
            }.class("card")
        }
    }
}
