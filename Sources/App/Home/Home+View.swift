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
            if let board = m.petitionBoard, let regions = m.regions {
                Div {
                    H2("信访时限预警")
                    Paragraph {
                        Text("已逾期\(board.overdue)项，3日内到期\(board.withinThree)项，4至7日内到期\(board.withinSeven)项。")
                        Link("查看全部", url: PetitionRoutes.board.path())
                    }
                    PetitionsView.boardTable(board, regions: regions)
                    if !board.disputes.isEmpty {
                        H2("高风险矛盾纠纷（未化解）")
                        PetitionsView.disputeTable(board.disputes, regions: regions)
                    }
                }.class("card").id("home-petition-board")
            }
            H2("各乡镇在册人数")
            Table(
                header: TableRow {
                    TableHeaderCell("乡镇（街道）")
                    TableHeaderCell("在册").class("num")
                    TableHeaderCell("已调减").class("num")
                }
            ) {
                for t in m.townships {
                    TableRow {
                        TableCell { Link(t.name, url: RegisterRoutes.search(township: t.code)) }
                        TableCell(Figures.count(t.active)).class("num")
                        TableCell(Figures.count(t.reduced)).class("num")
                    }
                }
                if m.townships.count > 1 {
                    TableRow {
                        TableCell("合计")
                        TableCell(Figures.count(m.townships.reduce(0) { $0 + $1.active })).class("num")
                        TableCell(Figures.count(m.townships.reduce(0) { $0 + $1.reduced })).class("num")
                    }.class("total")
                }
            }.class("grid").id("townships")
        }
    }

    private static func tile(_ label: String, _ value: Int) -> Component {
        Div {
            Span(Figures.count(value)).class("value")
            Span(label).class("label")
        }.class("tile")
    }
}
