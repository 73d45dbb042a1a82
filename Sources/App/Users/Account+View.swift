import Plot

/// One account as the administrator sees it.
struct AccountModel: Sendable {
    var username: String
    var displayName: String
    var role: String
    var roleName: String
    var townshipCode: String
    var townshipName: String
    var state: AccountState
    var createdAt: String
    /// The administrator's own account: it cannot be disabled or lose the administrator role here.
    var isSelf: Bool
    var roles: [(String, String)]
    var townships: [(String, String)]
    /// A password just given out, shown on this answer only.
    var newPassword: String?
}

enum AccountView {
    static func render(_ ctx: PageContext, _ m: AccountModel) -> String {
        Layout.render(ctx, title: "用户 \(m.username)") {
            if let password = m.newPassword {
                Paragraph("密码已重置，新密码：\(password)（仅显示一次，请当面转交本人；本人登录后须立即修改）")
                    .class("ok").id("new-password")
            }
            Facts(rows: [
                ("用户名", m.username), ("姓名", m.displayName), ("角色", m.roleName), ("乡镇", m.townshipName),
                ("状态", m.state.label), ("创建时间", m.createdAt),
            ])
            Div {
                H2("修改信息")
                Form(url: UsersRoutes.update(m.username), method: .post) {
                    CSRFField(token: ctx.csrf)
                    Div {
                        FormField(label: "姓名", name: "display_name", value: m.displayName, required: true)
                        SelectField(label: "角色", name: "role", options: m.roles, selected: m.role, required: true)
                        SelectField(
                            label: "乡镇（乡镇专干必填）", name: "township", options: [("", "—")] + m.townships,
                            selected: m.townshipCode)
                    }.class("filters")
                    SubmitButton("保存")
                }.id("account-form")
            }.class("card")
            Div {
                H2("账号操作")
                Div {
                    if m.state.isActive {
                        if !m.isSelf {
                            action(ctx, UsersRoutes.disable(m.username), "停用账号", id: "disable-form", danger: true)
                        }
                    } else {
                        action(ctx, UsersRoutes.enable(m.username), "启用账号", id: "enable-form")
                    }
                    action(ctx, UsersRoutes.resetPassword(m.username), "重置密码", id: "reset-form")
                    if m.state.lockedUntil != nil {
                        action(ctx, UsersRoutes.unlock(m.username), "解除锁定", id: "unlock-form")
                    }
                }.class("actions")
                Paragraph("停用后该账号立即退出、不能登录，其 API 令牌失效，办理过的记录保留；重置密码后旧密码与已登录会话失效，本人须用新密码登录并改为自己的密码。每项操作记入审计日志。")
                    .class("muted")
            }.class("card")
            Paragraph { Link("返回用户列表", url: UsersRoutes.list.path()) }
        }
    }

    private static func action(_ ctx: PageContext, _ url: String, _ label: String, id: String, danger: Bool = false)
        -> Component
    {
        Form(url: url, method: .post) {
            CSRFField(token: ctx.csrf)
            Button(label).attribute(named: "type", value: "submit").class(danger ? "danger" : "")
        }.id(id).class("inline")
    }
}
