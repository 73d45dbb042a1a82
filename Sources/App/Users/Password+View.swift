import Plot

enum PasswordView {
    static func render(_ ctx: PageContext, mustChange: Bool, error: String?) -> String {
        Layout.render(ctx, title: "修改密码") {
            if mustChange {
                Paragraph("您的密码由管理员设定，请先改为只有您自己知道的密码，再使用系统。").class("warning").id("must-change")
            }
            if let error { Paragraph(error).class("error").id("password-error") }
            Div {
                Form(url: UsersRoutes.changePassword.path(), method: .post) {
                    CSRFField(token: ctx.csrf)
                    FormField(label: "当前密码", name: "current", type: .password, required: true)
                    FormField(label: "新密码（至少8位）", name: "new", type: .password, required: true)
                    FormField(label: "再次输入新密码", name: "confirmation", type: .password, required: true)
                    SubmitButton("修改密码")
                }.id("password-form")
            }.class("card narrow")
        }
    }
}
