import Plot

/// The outcome shown after an upload.
struct ImportResultModel: Sendable {
    typealias Issue = FileIssueRow

    var fileName: String
    var succeeded: Bool
    var rowCount: Int
    var peopleWritten: Int
    var householdsWritten: Int
    var newReservoirs: [String]
    var errors: [Issue]
    var warnings: [Issue]
    var errorCount: Int
    var seconds: Double
    /// The refused upload's error list, at its stable address.
    var errorListURL: String?
    /// The uploaded file with the 错误说明 column, and the name it downloads as; nil when the
    /// file could not be read as a table (then there are no rows to mark).
    var annotated: (url: String, name: String)?
}

enum ImportView {
    static func form(_ ctx: PageContext, result: ImportResultModel?) -> String {
        Layout.render(ctx, title: "导入移民名册") {
            Div {
                Paragraph("支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK 编码）文件。第一行（或标题行之下）为表头，列顺序不限。文件中只要有一行有误，整个文件都不会导入，请按错误清单修改后重新导入。")
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
            if let r = result {
                Div {
                    if r.succeeded {
                        Paragraph("导入成功：\(r.fileName) 共 \(r.rowCount) 行，新增 \(r.peopleWritten) 人、\(r.householdsWritten) 户，用时 \(String(format: "%.1f", r.seconds)) 秒。").class("ok").id("import-ok")
                        if !r.newReservoirs.isEmpty {
                            Paragraph("新增水库：" + r.newReservoirs.joined(separator: "、"))
                        }
                    } else {
                        Paragraph("导入失败：\(r.fileName) 共发现 \(r.errorCount) 处错误，未写入任何数据。").class("error").id("import-failed")
                        Paragraph {
                            if let annotated = r.annotated {
                                Link("下载原文件（每行加“错误说明”列）：\(annotated.name)", url: annotated.url).id("annotated-file")
                                Text(" · ")
                            }
                            Link("下载错误清单（CSV）", url: r.errorListURL ?? RegisterImportRoutes.latestErrors.path()).id("error-list")
                        }
                        IssueTable(issues: r.errors, id: "import-errors")
                    }
                    if !r.warnings.isEmpty {
                        H2("提示（不影响导入）")
                        IssueTable(issues: r.warnings, id: "import-warnings")
                    }
                }.class("card")
            }
        }
    }
}
