import Fluent
import ResettleOffice
import Vapor

struct ImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("import", "people", use: form)
        routes.upload("import", "people", use: upload)
        routes.get("import", "people", "template.csv", use: templateCSV)
        routes.get("import", "people", "template.xlsx", use: templateXLSX)
        routes.get("import", "people", "errors.csv", use: errorsCSV)
    }

    @Sendable func form(req: Request) async throws -> Response {
        htmlResponse(ImportView.form(try await req.pageContext(), result: nil))
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let upload = try await StreamedUpload.read(req)
        let data = try upload.data()
        let (report, refusalID) = try await req.application.writeGate.run {
            let report = try await RegisterImporter(db: req.db, actor: user.username).run(data: data, fileName: upload.fileName)
            // A refused file is kept with its problems, so they can be given back from a stable address.
            let refusalID = report.succeeded ? nil : try await ImportRefusals.keep(report, data: data, user: user, on: req.db)
            return (report, refusalID)
        }
        req.logger.info("register import \(upload.fileName): rows=\(report.rowCount) errors=\(report.errors.count) written=\(report.peopleWritten)")
        if let refusalID { req.session.data["import_refusal"] = refusalID.uuidString }
        let shown = 500
        let model = ImportResultModel(
            fileName: report.fileName, succeeded: report.succeeded, rowCount: report.rowCount,
            peopleWritten: report.peopleWritten, householdsWritten: report.householdsWritten,
            newReservoirs: report.newReservoirs,
            errors: report.errors.sorted { ($0.row, $0.column) < ($1.row, $1.column) }.prefix(shown).map(Self.issue),
            warnings: report.warnings.prefix(shown).map(Self.issue), errorCount: report.errors.count, seconds: report.seconds,
            errorListURL: refusalID.map(ImportRefusals.errorsPath),
            annotated: refusalID.flatMap { id in
                report.format.map { (ImportRefusals.annotatedPath(id), ImportRefusals.annotatedName(report.fileName, format: $0)) }
            })
        return htmlResponse(
            ImportView.form(try await req.pageContext(), result: model), status: report.succeeded ? .ok : .unprocessableEntity)
    }

    static func issue(_ i: RegisterImportReport.RowIssue) -> ImportResultModel.Issue { FileIssueRow(i) }

    @Sendable func templateCSV(req: Request) async throws -> Response {
        let data = CSVWriter.data(rows: [RegisterColumns.templateHeader] + RegisterTemplate.exampleRows, encoding: .utf8BOM)
        return download(data, name: "移民名册导入模板.csv", type: "text/csv; charset=utf-8")
    }

    @Sendable func templateXLSX(req: Request) async throws -> Response {
        let sheet = XLSXSheet(
            name: "移民名册", header: RegisterColumns.templateHeader,
            columnWidths: [22, 10, 6, 10, 22, 12, 12, 6, 14, 10, 14, 16, 24, 14],
            rows: RegisterTemplate.exampleRows.map { $0.map { XLSXCell.text($0) } })
        return download(try XLSXWriter.data(sheets: [sheet]), name: "移民名册导入模板.xlsx",
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    /// The error list of this session's latest refused upload.
    @Sendable func errorsCSV(req: Request) async throws -> Response {
        let refusal = try await ImportRefusals.find(req.session.data["import_refusal"].flatMap { UUID(uuidString: $0) }, for: try req.requireUser(), on: req.db)
        return try ImportRefusals.errorListDownload(refusal)
    }
}

/// A file download with a Chinese file name (RFC 6266 `filename*`).
func download(_ data: Data, name: String, type: String) -> Response {
    var headers = HTTPHeaders()
    headers.replaceOrAdd(name: .contentType, value: type)
    let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
    // Clients that ignore `filename*` get the ASCII part of the name (period, extension).
    let ascii = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "._-".unicodeScalars.contains($0)) })
    let fallback = "resettle" + (ascii.hasPrefix("_") || ascii.hasPrefix(".") ? "" : "-") + ascii
    headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)")
    return Response(status: .ok, headers: headers, body: .init(data: data))
}

/// Two example rows for the template: a head of household and a child.
enum RegisterTemplate {
    static let exampleRows: [[String]] = [
        ["43058219800101001X", "张三", "男", "户主", "43058219800101001X", "界岭镇", "大丰村", "3", "柘溪水库", "现状", "", "邵东农商银行", "6214830000000000", "13800000000"],
        ["430582201001010021", "张小红", "女", "子女", "43058219800101001X", "界岭镇", "大丰村", "3", "柘溪水库", "现状", "", "", "", ""],
    ]
}
