import Plot

struct UsersModel: Sendable {
    struct Row: Sendable {
        var username: String
        var displayName: String
        var role: String
        var township: String
        var state: String
    }

    var rows: [Row]
    var roles: [(String, String)]
    var townships: [(String, String)]
    /// The account just created and its first password, shown on this answer only.
    var created: (username: String, password: String)?
}

enum UsersView {
    static func render(_ ctx: PageContext, _ m: UsersModel) -> String {
        Layout.render(ctx, title: "用户管理") {
            if let created = m.created {
                Paragraph(
                    "用户 \(created.username) 已创建，初始密码：\(created.password)（仅显示一次，请当面转交本人；本人首次登录须修改密码）"
                ).class("ok").id("created-password")
            }
            Table(
                header: TableRow {
                    TableHeaderCell("用户名")
                    TableHeaderCell("姓名")
                    TableHeaderCell("角色")
                    TableHeaderCell("乡镇")
                    TableHeaderCell("状态")
                }
            ) {
                for r in m.rows {
                    TableRow {
                        TableCell { Link(r.username, url: UsersRoutes.show(r.username)) }
                        TableCell(r.displayName)
                        TableCell(r.role)
                        TableCell(r.township)
                        TableCell(r.state)
                    }
                }
            }.class("grid")
            Div {
                H2("新增用户")
                Form(url: UsersRoutes.create.path(), method: .post) {
                    CSRFField(token: ctx.csrf)
                    Div {
                        FormField(label: "用户名", name: "username", required: true)
                        FormField(label: "姓名", name: "display_name", required: true)
                        SelectField(label: "角色", name: "role", options: m.roles, required: true)
                        SelectField(label: "乡镇（乡镇专干必填）", name: "township", options: [("", "—")] + m.townships)
                    }.class("filters")
                    SubmitButton("创建")
                }
            }.class("card")
        }
    }
}
