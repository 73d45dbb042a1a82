import Plot

extension ProjectsView {
    static func importPage(_ ctx: PageContext, issues: [FileIssueRow]) -> String {
        Layout.render(ctx, title: "导入项目库") {
            Div {
                Paragraph(
                    "XLSX 或 CSV（UTF-8 或 GBK），第一行为表头，列："
                        + ProjectLibraryImporter.columns.map { $0.canonicalName + ($0.required ? "" : "（可空）") }.joined(
                            separator: "、")
                        + "。金额以元为单位，日期如 2022-03-01。整个文件逐行检查，有任何一行有误则整个文件不导入；每个项目从村级议事公示阶段开始办理。")
                Form(url: ProjectRoutes.importUpload.path(), method: .post, contentType: .multipartData) {
                    CSRFField(token: ctx.csrf)
                    Input(type: .file, name: "file", isRequired: true)
                    SubmitButton("导入")
                }
            }.class("card")
            if !issues.isEmpty {
                Div {
                    H2("文件有\(issues.count)处问题，未导入任何项目")
                    IssueTable(issues: issues, id: "project-import-issues")
                }.class("card")
            }
        }
    }
}
