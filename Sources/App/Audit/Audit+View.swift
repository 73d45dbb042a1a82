import Foundation
import Plot

struct AuditModel: Sendable {
    struct Row: Sendable {
        var seq: Int
        /// Beijing time.
        var at: String
        var actor: String
        var action: String
        var actionCode: String
        var object: AuditObjects.Named
        var changes: [AuditFieldChange]
    }

    var rows: [Row]
    var verification: String
    var intact: Bool
    var page: Int
    var pageCount: Int
    var total: Int
    var filter: AuditFilter
    var actions: [(code: String, name: String)]
    var exportLimit: Int
}

enum AuditView {
    static func render(_ ctx: PageContext, _ m: AuditModel) -> String {
        Layout.render(ctx, title: "审计日志") {
            Paragraph(m.verification).class(m.intact ? "ok" : "error").id("audit-verification")
            Form(url: AuditRoutes.list.path(), method: .get) {
                Div {
                    FormField(label: "人员（身份证号或姓名）", name: "person", value: m.filter.person)
                    FormField(label: "操作人（用户名）", name: "actor", value: m.filter.actor)
                    SelectField(
                        label: "操作", name: "action", options: [("", "全部")] + m.actions.map { ($0.code, $0.name) },
                        selected: m.filter.action)
                    FormField(label: "自", name: "from", value: m.filter.from?.iso ?? "", type: .date)
                    FormField(label: "至", name: "to", value: m.filter.to?.iso ?? "", type: .date)
                    if !m.filter.entity.isEmpty { HiddenField(name: "entity", value: m.filter.entity) }
                    SubmitButton("查询")
                }.class("filters")
            }.id("audit-filter")
            Paragraph {
                Link("导出 Excel", url: AuditRoutes.export(m.filter)).class("button secondary").id("audit-export")
                Span("（按当前条件导出，最多 \(Figures.count(m.exportLimit)) 条；时间均为北京时间）").class("muted")
            }
            Table(
                header: TableRow {
                    TableHeaderCell("序号").class("num")
                    TableHeaderCell("时间")
                    TableHeaderCell("操作人")
                    TableHeaderCell("操作")
                    TableHeaderCell("对象")
                    TableHeaderCell("变更内容（变更前 → 变更后）")
                }
            ) {
                for r in m.rows {
                    TableRow {
                        TableCell(String(r.seq)).class("num")
                        TableCell(r.at).class("nowrap")
                        TableCell(r.actor)
                        TableCell {
                            Text(r.action)
                            Element(name: "small") { Text(r.actionCode) }.class("muted mono code")
                        }
                        TableCell {
                            if let id = r.object.personID {
                                Link(r.object.text, url: RegisterRoutes.person(id))
                            } else {
                                Text(r.object.text)
                            }
                        }
                        TableCell { changes(r.changes) }
                    }
                }
            }.class("grid").id("audit-entries")
            Pager(
                basePath: AuditRoutes.list.path(), query: m.filter.query, page: m.page, pageCount: m.pageCount,
                total: m.total)
        }
    }

    private static func changes(_ list: [AuditFieldChange]) -> Component {
        guard !list.isEmpty else { return Span("—").class("muted") }
        return Element(name: "table") {
            for c in list {
                TableRow {
                    TableCell(c.field).class("field")
                    TableCell(c.before).class("before")
                    TableCell("→").class("muted")
                    TableCell(c.after).class("after")
                }
            }
        }.class("changes")
    }
}
