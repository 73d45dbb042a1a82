import Plot

enum ImportView {
    static func form(_ ctx: PageContext, _ m: RegisterImportForm) -> String {
        Layout.render(ctx, title: "导入移民名册") {
            Div {
                Paragraph(
                    "支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK 编码）文件。第一行（或标题行之下）为表头，列顺序不限。文件中只要有一行有误，整个文件都不会导入，请按错误清单修改后重新导入。")
                Paragraph {
                    Link("下载导入模板（CSV）", url: RegisterImportRoutes.templateCSV.path())
                    Text(" · ")
                    Link("下载导入模板（Excel）", url: RegisterImportRoutes.templateXLSX.path())
                }
                if m.buildsRegister {
                    Paragraph(
                        m.mayBuildRegister
                            ? "移民库中还没有人员：这次导入是建库，导入的人员直接在册，从下一个发放期起纳入发放。"
                            : "移民库中还没有人员：这次导入是建库，须由系统管理员导入。请联系系统管理员。"
                    ).class("warning")
                } else {
                    Paragraph(
                        "移民库已有 \(Figures.count(m.registered)) 人（已建库）。这次导入的人员作为新增移民逐人提出调增申请：公示期满后经乡镇审核、县级审批，批准后在册，从下一个发放期起纳入发放；审批前状态为“待审批”。"
                    ).class("warning")
                }
                if !m.buildsRegister || m.mayBuildRegister {
                    Form(url: RegisterImportRoutes.upload.path(), method: .post, contentType: .multipartData) {
                        CSRFField(token: ctx.csrf)
                        if !m.buildsRegister {
                            ChangeNoticeFields(start: m.today, end: m.noticeEndDefault)
                            TextAreaField(label: "证明材料（如调增依据的文件、户籍证明编号）", name: "evidence")
                        }
                        Div {
                            Label("选择文件") {
                                Input(type: .file, name: "file", isRequired: true)
                            }
                        }.class("field")
                        SubmitButton(m.buildsRegister ? "导入（建库）" : "导入并提出调增申请")
                    }.id("import-form")
                }
            }.class("card")
        }
    }
}
