import Plot

enum ErrorView {
    static func render(_ ctx: PageContext, status: Int, message: String) -> String {
        Layout.render(ctx, title: status == 404 ? "未找到" : "出错了") {
            Div {
                Paragraph(message).class("error")
                Paragraph { Link("返回首页", url: HomeRoutes.home.path()) }
            }.class("card")
        }
    }
}
