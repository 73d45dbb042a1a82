import Plot

struct AuditModel: Sendable {
    struct Row: Sendable {
        var seq: Int
        var at: String
        var actor: String
        var action: String
        var entity: String
        var before: String
        var after: String
    }

    var rows: [Row]
    var verification: String
    var intact: Bool
    var page: Int
    var pageCount: Int
    var total: Int
    var entityFilter: String
}

enum AuditView {
    static func render(_ ctx: PageContext, _ m: AuditModel) -> String {
        Layout.render(ctx, title: "审计日志") {
            Paragraph(m.verification).class(m.intact ? "ok" : "error").id("audit-verification")
            Form(url: AuditRoutes.list.path(), method: .get) {
                Div {
                    FormField(label: "对象（如 身份证号 / 申请编号）", name: "entity", value: m.entityFilter)
                    SubmitButton("查询")
                }.class("filters")
            }
            Table(
                header: TableRow {
                    TableHeaderCell("序号")
                    TableHeaderCell("时间")
                    TableHeaderCell("操作人")
                    TableHeaderCell("操作")
                    TableHeaderCell("对象")
                    TableHeaderCell("变更前")
                    TableHeaderCell("变更后")
                }
            ) {
                for r in m.rows {
                    TableRow {
                        TableCell(String(r.seq)).class("num")
                        TableCell(r.at)
                        TableCell(r.actor)
                        TableCell(r.action).class("mono")
                        TableCell(r.entity).class("mono")
                        TableCell(r.before).class("json")
                        TableCell(r.after).class("json")
                    }
                }
            }.class("grid")
            Pager(
                basePath: AuditRoutes.list.path(), query: [("entity", m.entityFilter)], page: m.page,
                pageCount: m.pageCount, total: m.total)
        }
    }
}
