import Plot
import ResettleCore

enum SpotChecksView {
    struct Model {
        struct Row {
            var draw: SpotCheckDraw
            var repeatedSame: Bool
        }
        var year: Int
        var years: [Int]
        var draws: [Row]
        var projectsByCode: [String: Project]
        var waiting: Int
        var canDraw: Bool
    }

    static func list(_ ctx: PageContext, _ m: Model) -> String {
        Layout.render(ctx, title: "县级抽查复核（\(m.year)年）") {
            FundsView.yearFilter(SpotCheckRoutes.list.path(), year: m.year, years: m.years)
            Div {
                Paragraph("从已验收待复核的项目中按比例和随机种子抽取；比例、种子和候选项目均记录在案，任何人可用同一种子重抽核对。")
                Paragraph("\(m.year)年已验收待复核项目：\(m.waiting)个").id("waiting")
            }.class("card")
            for row in m.draws {
                Div {
                    H2(
                        "\(Figures.minute(row.draw.createdAt ?? .distantPast)) 抽取（比例\(row.draw.ratePercent)%，种子\(row.draw.seed)）"
                    )
                    Paragraph(
                        "候选\(row.draw.candidates.count)个，抽中\(row.draw.drawn.count)个，抽取人\(row.draw.drawnBy)；"
                            + (row.repeatedSame ? "按同一种子重抽结果一致" : "按同一种子重抽结果不一致，请核查")
                    )
                    .class(row.repeatedSame ? "muted" : "warning")
                    DataTable(
                        header: ["项目编号", "项目名称", "阶段"],
                        rows: row.draw.drawn.map { code in
                            guard let p = m.projectsByCode[code] else { return [.text(code), .text(""), .text("")] }
                            return [
                                .link(code, url: ProjectRoutes.show(p.id!)), .text(p.name), .text(p.stageValue.chinese),
                            ]
                        })
                }.class("card")
            }
            if m.canDraw {
                Div {
                    H2("抽取样本")
                    Form(url: SpotCheckRoutes.draw.path(), method: .post) {
                        CSRFField(token: ctx.csrf)
                        Div {
                            FormField(label: "年度", name: "year", value: String(m.year), required: true)
                            FormField(label: "抽查比例（%）", name: "rate", value: "20", required: true)
                            FormField(label: "随机种子", name: "seed", required: true, placeholder: "如 当日日期 20221101")
                            SubmitButton("抽取")
                        }.class("filters")
                    }
                }.class("card")
            }
        }
    }
}
