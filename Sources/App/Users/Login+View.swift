import Plot

enum LoginView {
    static func render(_ ctx: PageContext, csrf: String, username: String, error: String?) -> String {
        Layout.render(ctx, title: "登录") {
            Div {
                if let error {
                    Paragraph(error).class("error")
                }
                Form(url: UsersRoutes.login.path(), method: .post) {
                    CSRFField(token: csrf)
                    FormField(label: "用户名", name: "username", value: username, required: true)
                    FormField(label: "密码", name: "password", type: .password, required: true)
                    SubmitButton("登录")
                }.id("login-form")
            }.class("card narrow")
        }
    }
}
