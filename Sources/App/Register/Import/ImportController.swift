import Fluent
import ResettleOffice
import Vapor

struct ImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(RegisterImportRoutes.form, use: form)
        routes.on(RegisterImportRoutes.upload, use: upload)
        routes.on(RegisterImportRoutes.templateCSV, use: templateCSV)
        routes.on(RegisterImportRoutes.templateXLSX, use: templateXLSX)
        routes.on(RegisterImportRoutes.latestErrors, use: errorsCSV)
    }

    @Sendable func form(req: Request) async throws -> Response {
        let model = try await RegisterImportForm.load(for: try req.requireUser(), on: req.db)
        return htmlResponse(ImportView.form(try await req.pageContext(), model))
    }

    /// A first load (建库) is an administrator's; into a register that holds people the upload
    /// files an addition request per person with the form's notice (`RegisterImportForm`).
    /// The upload is kept on disk and imported as a job; the user follows it on the job page,
    /// which then shows the figures, or the problems with the error list and the user's own
    /// file with a 错误说明 column.
    @Sendable func upload(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let upload = try await StreamedUpload.read(req)
        let app = req.application
        let filing: RegisterImportFiling
        do {
            filing = try await RegisterImportForm.filing(
                upload.fields, user: user, service: ChangeService(db: req.db, gate: app.writeGate, user: user))
        } catch let error as ResettleError {
            // Back to the form with the notice as typed; the file is chosen again.
            return try req.echoForm(error, values: upload.fields, page: RegisterImportRoutes.form.path())
        }
        let fileName = upload.fileName
        let id = try await app.jobs.submit(
            .init(
                kind: .registerImport, title: RegisterImportJob.title(fileName), actor: user.username,
                townshipCode: AccessScope(user: user).townshipCode
            ) { progress in
                // The closure holds the upload, whose temporary file lives until the job ends.
                let (report, refusalID) = try await RegisterImportJob.run(
                    fileURL: upload.fileURL, fileName: fileName, actor: user.username, filing: filing, refusedBy: user,
                    progress: progress,
                    db: app.db, gate: app.writeGate)
                app.logger.info(
                    "register import \(fileName): rows=\(report.rowCount) errors=\(report.errors.count) written=\(report.peopleWritten)"
                )
                return RegisterImportJob.result(report, refusalID: refusalID)
            })
        return req.redirect(to: JobsRoutes.show(id))
    }

    @Sendable func templateCSV(req: Request) async throws -> Response {
        let data = CSVWriter.data(
            rows: [RegisterColumns.templateHeader] + RegisterTemplate.exampleRows, encoding: .utf8BOM)
        return download(data, name: "移民名册导入模板.csv", type: "text/csv; charset=utf-8")
    }

    @Sendable func templateXLSX(req: Request) async throws -> Response {
        let sheet = XLSXSheet(
            name: "移民名册", header: RegisterColumns.templateHeader,
            columnWidths: [22, 10, 6, 10, 22, 12, 12, 6, 14, 10, 14, 16, 24, 14],
            rows: RegisterTemplate.exampleRows.map { $0.map { XLSXCell.text($0) } })
        return download(
            try XLSXWriter.data(sheets: [sheet]), name: "移民名册导入模板.xlsx",
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    /// The error list of the user's latest refused upload.
    @Sendable func errorsCSV(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let latest = try await ImportRefusal.query(on: req.db).filter(\.$actor == user.username)
            .filter(\.$purpose == ImportRefusals.purpose).sort(\.$createdAt, .descending).first()
        return try ImportRefusals.errorListDownload(try await ImportRefusals.find(latest?.id, for: user, on: req.db))
    }
}

/// A file download with a Chinese file name (RFC 6266 `filename*`).
func download(_ data: Data, name: String, type: String) -> Response {
    var headers = HTTPHeaders()
    headers.replaceOrAdd(name: .contentType, value: type)
    let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
    // Clients that ignore `filename*` get the ASCII part of the name (period, extension).
    let ascii = String(
        name.unicodeScalars.filter {
            $0.isASCII
                && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "._-".unicodeScalars.contains($0))
        })
    let fallback = "resettle" + (ascii.hasPrefix("_") || ascii.hasPrefix(".") ? "" : "-") + ascii
    headers.replaceOrAdd(
        name: .contentDisposition, value: "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)")
    return Response(status: .ok, headers: headers, body: .init(data: data))
}

/// Two example rows for the template: a head of household and a child.
enum RegisterTemplate {
    static let exampleRows: [[String]] = [
        [
            "43058219800101001X", "张三", "男", "户主", "43058219800101001X", "界岭镇", "大丰村", "3", "柘溪水库", "现状", "", "邵东农商银行",
            "6214830000000000", "13800000000",
        ],
        [
            "430582201001010021", "张小红", "女", "子女", "43058219800101001X", "界岭镇", "大丰村", "3", "柘溪水库", "现状", "", "", "",
            "",
        ],
    ]
}
