import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit
import Vapor

/// The bank's result for a roll: upload, column mapping, and the reconciliation page.
struct BankResultsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(BankResultRoutes.form, use: form)
        routes.on(BankResultRoutes.upload, use: upload)
        routes.on(BankResultRoutes.mappingForm, use: mappingForm)
        routes.on(BankResultRoutes.mapped, use: mapped)
        routes.on(BankResultRoutes.show, use: show)
        routes.on(BankResultRoutes.exportDifferences, use: exportDifferences)
    }

    @Sendable func form(req: Request) async throws -> Response {
        try PaymentAccess.require(PaymentAccess.operate, req)
        let roll = try await PaymentAccess.roll(req)
        return htmlResponse(BankResultsView.upload(try await req.pageContext(), Self.model(roll, issues: [], total: 0)))
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let user = try PaymentAccess.require(PaymentAccess.operate, req)
        let roll = try await PaymentAccess.roll(req)
        let upload = try await StreamedUpload.read(req)
        return try await run(
            req, user: user, roll: roll, data: try upload.data(), fileName: upload.fileName, mapping: nil)
    }

    struct MappingForm: Content {
        var sha256: String
        var file_name: String
        var col_id_number: String?
        var col_name: String?
        var col_card_number: String?
        var col_amount_paid: String?
        var col_status: String?
        var col_failure_reason: String?
        var col_trade_date: String?
    }

    @Sendable func mapped(req: Request) async throws -> Response {
        let user = try PaymentAccess.require(PaymentAccess.operate, req)
        let roll = try await PaymentAccess.roll(req)
        let f = try req.content.decode(MappingForm.self)
        guard let data = PendingUploads.load(sha256: f.sha256) else {
            throw ResettleError.invalidInput("待对应的文件已过期，请重新上传")
        }
        let mapping = [
            "id_number": f.col_id_number, "name": f.col_name, "card_number": f.col_card_number,
            "amount_paid": f.col_amount_paid,
            "status": f.col_status, "failure_reason": f.col_failure_reason, "trade_date": f.col_trade_date,
        ].compactMapValues { $0?.isEmpty == false ? $0 : nil }
        for spec in BankResultColumns.all where spec.required && mapping[spec.key] == nil {
            throw ResettleError.invalidInput("请为“\(spec.canonicalName)”选择对应的列")
        }
        return try await run(req, user: user, roll: roll, data: data, fileName: f.file_name, mapping: mapping)
    }

    /// What can be refused before a row is read (a roll not locked, the same file again) is
    /// refused here; the rest runs as a job, whose page leads to the reconciliation, to the
    /// column matching, or shows the file's problems.
    private func run(
        _ req: Request, user: User, roll: PaymentRoll, data: Data, fileName: String, mapping: [String: String]?
    ) async throws -> Response {
        let app = req.application
        let importer = BankResultImporter(db: app.db, gate: app.writeGate, actor: user.username)
        if let refusal = try await importer.refusalBeforeReading(
            roll: roll, sha256: Secrets.sha256Hex(data), fileName: fileName)
        {
            let model = Self.model(roll, issues: [refusal], total: 1)
            return htmlResponse(
                BankResultsView.upload(try await req.pageContext(), model), status: .unprocessableEntity)
        }
        let id = try await app.jobs.submit(
            .init(
                kind: .bankResultImport, title: "导入\(roll.period)银行结果 \(fileName)", actor: user.username,
                townshipCode: nil
            ) {
                progress in
                var importer = importer
                importer.progress = progress
                let outcome = try await importer.run(roll: roll, data: data, fileName: fileName, mapping: mapping)
                return try BankResultJob.result(outcome, roll: roll, data: data, fileName: fileName, logger: app.logger)
            })
        return req.redirect(to: JobsRoutes.show(id))
    }

    /// The column matching for an upload whose headers were not all known, kept as pending.
    @Sendable func mappingForm(req: Request) async throws -> Response {
        try PaymentAccess.require(PaymentAccess.operate, req)
        let roll = try await PaymentAccess.roll(req)
        guard let sha = req.parameters.get("sha256"), let data = PendingUploads.load(sha256: sha) else {
            throw ResettleError.invalidInput("待对应的文件已过期，请重新上传")
        }
        let named = try req.queryParameters.text("name")
        let fileName = named.isEmpty ? "银行结果文件" : named
        let header = (try? FileHeader.read(data, fileName: fileName)) ?? []
        var model = Self.model(roll, issues: [], total: 0)
        model.mapping = .init(
            sha256: sha, fileName: fileName, header: header, message: "",
            fields: BankResultColumns.all.map { spec in
                (spec.key, spec.canonicalName, spec.required, BankResultColumns.suggestion(for: spec, in: header))
            })
        return htmlResponse(BankResultsView.upload(try await req.pageContext(), model))
    }

    static func model(_ roll: PaymentRoll, issues: [BankImportIssue], total: Int) -> BankUploadModel {
        BankUploadModel(
            rollID: roll.id!.uuidString, period: roll.period,
            issues: issues.map(FileIssueRow.init),
            issueTotal: total, mapping: nil)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try PaymentAccess.require(PaymentAccess.reconcile, req)
        let result = try await PaymentAccess.result(req)
        guard let roll = try await PaymentRoll.find(result.rollID, on: req.db) else { throw ResettleError.notFound }
        let params = req.queryParameters
        let kind = try params.choice("kind", as: ReconciliationDifference.Kind.self)
        let paging = Paging(page: try params.page(), perPage: 100)
        let (rows, filtered) = try await ReconciliationQuery.page(
            resultID: result.id!, kind: kind, paging: paging, on: req.db)
        let counts = result.counts
        let model = ReconciliationModel(
            resultID: result.id!.uuidString, rollID: roll.id!.uuidString, period: roll.period,
            fileName: result.fileName,
            rollRows: roll.lineCount, paidRows: result.rowCount, failed: result.failedCount,
            paid: Money.yuan(result.paidFen),
            counts: ReconciliationDifference.Kind.allCases.map {
                .init(kind: $0.rawValue, label: $0.chinese, count: counts[$0.rawValue] ?? 0)
            },
            total: result.differenceCount, exactMatch: result.differenceCount == 0, kind: kind?.rawValue ?? "",
            differences: rows.map { .init(kind: $0.kind, idNumber: $0.id_number, detail: $0.detail) },
            page: paging.page, pageCount: paging.pageCount(total: filtered), filteredTotal: filtered)
        return htmlResponse(BankResultsView.reconciliation(try await req.pageContext(), model))
    }

    @Sendable func exportDifferences(req: Request) async throws -> Response {
        try PaymentAccess.require(PaymentAccess.reconcile, req)
        let result = try await PaymentAccess.result(req)
        guard let roll = try await PaymentRoll.find(result.rollID, on: req.db) else { throw ResettleError.notFound }
        let rows = try await ReconciliationQuery.all(resultID: result.id!, on: req.db)
        let labels = Dictionary(
            uniqueKeysWithValues: ReconciliationDifference.Kind.allCases.map { ($0.rawValue, $0.chinese) })
        let data = try XLSXWriter.data(sheets: [
            XLSXSheet(
                name: "对账差异", header: ["kind", "类别", "id_number", "detail"], columnWidths: [20, 22, 22, 40],
                rows: rows.map {
                    [.text($0.kind), .text(labels[$0.kind] ?? $0.kind), .text($0.id_number), .text($0.detail)]
                })
        ])
        return download(
            data, name: "对账差异_\(roll.period).xlsx",
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}

/// Reading stored reconciliation differences in report order.
enum ReconciliationQuery {
    struct Row: Decodable, Sendable {
        var kind: String
        var id_number: String
        var detail: String
    }

    static func page(
        resultID: UUID, kind: ReconciliationDifference.Kind?, paging: Paging, on db: any Database
    ) async throws -> ([Row], Int) {
        let sql = db as! any SQLDatabase
        var count = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
            "reconciliation_differences"
        )
        .where("result_id", .equal, SQLBind(resultID))
        var query = sql.select().columns("kind", "id_number", "detail").from("reconciliation_differences")
            .where("result_id", .equal, SQLBind(resultID))
        if let kind {
            count = count.where("kind", .equal, SQLBind(kind.rawValue))
            query = query.where("kind", .equal, SQLBind(kind.rawValue))
        }
        let total = try await count.first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await query.orderBy("seq").limit(paging.perPage).offset(paging.offset).all(decoding: Row.self)
        return (rows, total)
    }

    static func all(resultID: UUID, on db: any Database) async throws -> [Row] {
        let sql = db as! any SQLDatabase
        return try await sql.select().columns("kind", "id_number", "detail").from("reconciliation_differences")
            .where("result_id", .equal, SQLBind(resultID)).orderBy("seq").all(decoding: Row.self)
    }
}
