import Plot

enum HomeView {
    static func render(_ ctx: PageContext, _ m: HomeModel) -> String {
        Layout.render(ctx, title: "首页") {
            Div {
                tile("在册移民（人）", m.activePeople)
                tile("登记总人数（人）", m.totalPeople)
                tile("户数（户）", m.households)
                tile("未办结变更（件）", m.openChanges)
                for (year, count) in m.reductionsByYear.prefix(3) {
                    tile("\(year)年动态调减（人）", count).id("reductions-\(year)")
                }
            }.class("tiles")
            H2("各乡镇在册人数")
            DataTable(
                header: ["乡镇（街道）", "在册", "已调减"],
                rows: m.townships.map { t in
                    [
                        .link(t.name, url: RegisterRoutes.search(township: t.code)), .number(String(t.active)),
                        .number(String(t.reduced)),
                    ]
                })
        }
    }

    private static func tile(_ label: String, _ value: Int) -> Component {
        Div {
            Span(String(value)).class("value")
            Span(label).class("label")
        }.class("tile")
    }
}
