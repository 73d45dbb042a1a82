import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import SQLKit
import Vapor

/// The bank's result for a roll: upload, column mapping, the preview and its confirmation, the
/// reconciliation page, and voiding a wrong result.
struct BankResultsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(BankResultRoutes.form, use: form)
        routes.on(BankResultRoutes.upload, use: upload)
        routes.on(BankResultRoutes.mappingForm, use: mappingForm)
        routes.on(BankResultRoutes.mapped, use: mapped)
        routes.on(BankResultRoutes.preview, use: preview)
        routes.on(BankResultRoutes.confirm, use: confirm)
        routes.on(BankResultRoutes.show, use: show)
        routes.on(BankResultRoutes.void, use: void)
        routes.on(BankResultRoutes.exportDifferences, use: exportDifferences)
    }

    @Sendable func form(req: Request) async throws -> Response {
        try req.requireUser(in: PaymentAccess.operate)
        let roll = try await PaymentAccess.roll(req)
        return htmlResponse(BankResultsView.upload(try await req.pageContext(), Self.model(roll, issues: [], total: 0)))
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.operate)
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
        let user = try req.requireUser(in: PaymentAccess.operate)
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
    /// refused here; the rest is read as a job, which writes nothing: its page leads to the
    /// preview, to the column matching, or shows the file's problems.
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
                kind: .bankResultImport, title: "读取\(roll.period)银行结果 \(fileName)（预览）", actor: user.username,
                townshipCode: nil
            ) {
                progress in
                var importer = importer
                importer.progress = progress
                let outcome = try await importer.read(roll: roll, data: data, fileName: fileName, mapping: mapping)
                return try BankResultJob.preview(
                    outcome, roll: roll, data: data, fileName: fileName, mapping: mapping, actor: user.username)
            })
        return req.redirect(to: JobsRoutes.show(id))
    }

    /// The figures and first rows of a file read, before it is imported.
    @Sendable func preview(req: Request) async throws -> Response {
        try req.requireUser(in: PaymentAccess.operate)
        let roll = try await PaymentAccess.roll(req)
        guard let key = req.parameters.get("sha256"), let preview = BankResultPreviews.load(key: key),
            preview.rollID == roll.id
        else {
            throw ResettleError.invalidInput("预览已过期或不属于该花名册，请重新上传银行结果文件")
        }
        return htmlResponse(
            BankResultsView.preview(try await req.pageContext(), Self.previewModel(preview, roll: roll)))
    }

    static func previewModel(_ p: BankResultPreview, roll: PaymentRoll) -> BankPreviewModel {
        let specs = BankResultColumns.all
        return BankPreviewModel(
            rollID: p.rollID.uuidString, period: roll.period, key: p.key, fileName: p.fileName, rollRows: p.rollRows,
            rowCount: p.rowCount, successCount: p.successCount, failedCount: p.failedCount,
            paid: Figures.yuan(p.paidFen),
            differenceCount: p.differenceCount,
            counts: ReconciliationDifference.Kind.allCases.map {
                .init(kind: $0.rawValue, label: $0.chinese, count: p.counts[$0.rawValue] ?? 0)
            },
            rows: p.rows.map { r in
                .init(
                    rowNumber: r.rowNumber, name: r.name, idNumber: r.idNumber, card: r.card,
                    amount: Money.yuan(r.amountFen),
                    outcome: r.succeeded
                        ? "成功" : "失败（\([r.status, r.failureReason].filter { !$0.isEmpty }.joined(separator: "："))）",
                    succeeded: r.succeeded,
                    reconciliation: r.kinds.isEmpty
                        ? "一致" : r.kinds.map(ReconciliationRow.kindLabel).joined(separator: "、"))
            },
            matching: specs.compactMap { spec in
                guard let header = p.mapping?[spec.key] else { return nil }
                return (spec.canonicalName, header)
            },
            mappingPath: BankResultRoutes.mappingForm(p.rollID, sha256: p.sha256, name: p.fileName))
    }

    struct ConfirmForm: Content {
        var preview: String
    }

    /// Imports what was previewed: the kept file with the preview's matching, as the import job.
    @Sendable func confirm(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.operate)
        let roll = try await PaymentAccess.roll(req)
        let key = try req.content.decode(ConfirmForm.self).preview
        guard let preview = BankResultPreviews.load(key: key), preview.rollID == roll.id,
            let data = PendingUploads.load(sha256: preview.sha256)
        else {
            throw ResettleError.invalidInput("预览已过期或不属于该花名册，请重新上传银行结果文件")
        }
        let app = req.application
        let importer = BankResultImporter(db: app.db, gate: app.writeGate, actor: user.username)
        let fileName = preview.fileName
        let mapping = preview.mapping
        let id = try await app.jobs.submit(
            .init(
                kind: .bankResultImport, title: "导入\(roll.period)银行结果 \(fileName)", actor: user.username,
                townshipCode: nil
            ) {
                progress in
                var importer = importer
                importer.progress = progress
                let outcome = try await importer.run(roll: roll, data: data, fileName: fileName, mapping: mapping)
                if case .imported = outcome { BankResultPreviews.remove(key: key) }
                return try BankResultJob.result(outcome, roll: roll, data: data, fileName: fileName, logger: app.logger)
            })
        return req.redirect(to: JobsRoutes.show(id))
    }

    /// The column matching for an upload whose headers were not all known, kept as pending.
    @Sendable func mappingForm(req: Request) async throws -> Response {
        try req.requireUser(in: PaymentAccess.operate)
        let roll = try await PaymentAccess.roll(req)
        guard let sha = req.parameters.get("sha256"), let data = PendingUploads.load(sha256: sha) else {
            throw ResettleError.invalidInput("待对应的文件已过期，请重新上传")
        }
        let named = try req.queryParameters.text("name")
        let fileName = named.isEmpty ? "银行结果文件" : named
        let header = (try? FileHeader.read(data, fileName: fileName)) ?? []
        var model = Self.model(roll, issues: [], total: 0)
        // Back from the preview: the matching the user chose last for this file.
        let chosen = BankResultPreviews.lastMapping(sha256: sha) ?? [:]
        model.mapping = .init(
            sha256: sha, fileName: fileName, header: header, message: "",
            fields: BankResultColumns.all.map { spec in
                let last = chosen[spec.key].flatMap { header.contains($0) ? $0 : nil }
                return (
                    spec.key, spec.canonicalName, spec.required,
                    last ?? BankResultColumns.suggestion(for: spec, in: header)
                )
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
        let user = try req.requireUser(in: PaymentAccess.reconcile)
        let result = try await PaymentAccess.result(req)
        let model = try await Self.reconciliation(req, user: user, result: result, voidError: "")
        return htmlResponse(BankResultsView.reconciliation(try await req.pageContext(), model))
    }

    static func reconciliation(_ req: Request, user: User, result: BankResult, voidError: String) async throws
        -> ReconciliationModel
    {
        guard let roll = try await PaymentRoll.find(result.rollID, on: req.db) else { throw ResettleError.notFound }
        let params = req.queryParameters
        let kind = try params.choice("kind", as: ReconciliationDifference.Kind.self)
        let paging = Paging(page: try params.page(), perPage: 100)
        let (stored, filtered) = try await ReconciliationQuery.page(
            resultID: result.id!, kind: kind, paging: paging, on: req.db)
        let rows = try await ReconciliationRow.rows(
            stored, result: result, scope: req.scope, regions: try await req.regionDirectory(), on: req.db)
        let counts = result.counts
        let refusal = BankResultVoiding.refusal(result, by: user)
        var model = ReconciliationModel(
            resultID: result.id!.uuidString, rollID: roll.id!.uuidString, period: roll.period,
            fileName: result.fileName,
            rollRows: roll.lineCount, paidRows: result.rowCount, failed: result.failedCount,
            paid: Figures.yuan(result.paidFen),
            counts: ReconciliationDifference.Kind.allCases.map {
                .init(kind: $0.rawValue, label: $0.chinese, count: counts[$0.rawValue] ?? 0)
            },
            total: result.differenceCount, exactMatch: result.differenceCount == 0, kind: kind?.rawValue ?? "",
            differences: rows.map {
                .init(
                    kind: $0.kind, kindLabel: $0.kindLabel, idNumber: $0.idNumber,
                    personID: $0.personID?.uuidString ?? "", name: $0.name, township: $0.township,
                    village: $0.village, detail: $0.detailText)
            },
            page: paging.page, pageCount: paging.pageCount(total: filtered), filteredTotal: filtered)
        model.importedBy = result.importedBy
        model.importedAt = Figures.moment(result.importedAt)
        if let at = result.voidedAt {
            model.voided = .init(
                by: result.voidedBy ?? "", at: Figures.moment(at), reason: result.voidReason ?? "")
        }
        model.canVoid = refusal == nil
        // The roles that may void see why they may not; finance and discipline see nothing of it.
        if let refusal, BankResultVoiding.roles.contains(user.roleValue), !result.isVoided {
            model.voidRefusal = refusal
        }
        model.voidError = voidError
        return model
    }

    struct VoidForm: Content {
        var reason: String?
    }

    /// Voids the result (a second person, with a reason); a refusal is shown on its page.
    @Sendable func void(req: Request) async throws -> Response {
        let user = try req.requireUser(in: BankResultVoiding.roles)
        let result = try await PaymentAccess.result(req)
        let reason = try req.content.decode(VoidForm.self).reason ?? ""
        do {
            try await BankResultVoiding(db: req.db, gate: req.application.writeGate, user: user)
                .void(resultID: result.requireID(), reason: reason)
        } catch let error as ResettleError {
            let message: String
            switch error {
            case .invalidInput(let m), .conflict(let m): message = m
            default: throw error
            }
            let fresh = try await BankResult.find(result.requireID(), on: req.db) ?? result
            let model = try await Self.reconciliation(req, user: user, result: fresh, voidError: message)
            return htmlResponse(
                BankResultsView.reconciliation(try await req.pageContext(), model), status: .unprocessableEntity)
        }
        req.setFlash("已作废银行结果“\(result.fileName)”；可重新导入更正后的文件")
        return req.redirect(to: BankResultRoutes.show(try result.requireID()))
    }

    @Sendable func exportDifferences(req: Request) async throws -> Response {
        try req.requireUser(in: PaymentAccess.reconcile)
        let result = try await PaymentAccess.result(req)
        guard let roll = try await PaymentRoll.find(result.rollID, on: req.db) else { throw ResettleError.notFound }
        let stored = try await ReconciliationQuery.all(resultID: result.id!, on: req.db)
        let rows = try await ReconciliationRow.rows(
            stored, result: result, scope: req.scope, regions: try await req.regionDirectory(), on: req.db)
        let data = try XLSXWriter.data(sheets: [
            XLSXSheet(
                name: "对账差异", header: ReconciliationRow.headers, columnWidths: [22, 14, 22, 14, 16, 44],
                rows: rows.map {
                    [
                        .text($0.kindLabel), .text($0.name), .text($0.idNumber), .text($0.township), .text($0.village),
                        .text($0.detailText),
                    ]
                })
        ])
        let voided = result.isVoided ? "_已作废" : ""
        return download(
            data, name: "对账差异_\(roll.period)\(voided).xlsx",
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
