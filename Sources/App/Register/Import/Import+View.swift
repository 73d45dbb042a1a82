import Plot

/// The upload form. What an upload found is shown on its job's page (`RegisterImportJob`).
enum ImportView {
    static func form(_ ctx: PageContext) -> String {
        Layout.render(ctx, title: "导入移民名册") {
            Div {
                Paragraph(
                    "支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK 编码）文件。第一行（或标题行之下）为表头，列顺序不限。文件中只要有一行有误，整个文件都不会导入，请按错误清单修改后重新导入。")
                Paragraph {
                    Link("下载导入模板（CSV）", url: RegisterImportRoutes.templateCSV.path())
                    Text(" · ")
                    Link("下载导入模板（Excel）", url: RegisterImportRoutes.templateXLSX.path())
                }
                Form(url: RegisterImportRoutes.upload.path(), method: .post, contentType: .multipartData) {
                    CSRFField(token: ctx.csrf)
                    Div {
                        Label("选择文件") {
                            Input(type: .file, name: "file", isRequired: true)
                        }
                    }.class("field")
                    SubmitButton("导入")
                }.id("import-form")
            }.class("card")
        }
    }
}
