import Fluent
import ResettleOffice
import SQLKit
import Vapor

/// The audit log for the administrator and the discipline inspector: filtered, in the office's
/// words, one page at a time or exported whole.
struct AuditController: RouteCollection {
    /// Rows the export holds at most; a narrower filter gets the rest.
    static let exportLimit = 50_000

    func boot(routes: any RoutesBuilder) throws {
        routes.on(AuditRoutes.list, use: list)
        routes.on(AuditRoutes.export, use: export)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let filter = try AuditFilter(req)
        let requested = Paging(page: try req.queryParameters.page(), perPage: 50)
        let total = try await filter.apply(on: req.db).count()
        // A page past the end shows the last one.
        let paging = Paging(page: min(requested.page, max(requested.pageCount(total: total), 1)), perPage: 50)
        let entries = try await filter.apply(on: req.db).sort(\.$id, .descending).offset(paging.offset)
            .limit(paging.perPage).all()
        let report = try await AuditVerifier.verify(on: req.db)
        let verification: String
        if let broken = report.firstBroken {
            verification = "完整性校验失败：\(broken.reason)"
        } else {
            verification = "完整性校验通过：" + AuditVerifier.summary(report)
        }
        let model = AuditModel(
            rows: try await rows(entries, req), verification: verification, intact: report.firstBroken == nil,
            page: paging.page, pageCount: paging.pageCount(total: total), total: total, filter: filter,
            actions: AuditVocabulary.actions, exportLimit: Self.exportLimit)
        return htmlResponse(AuditView.render(try await req.pageContext(), model))
    }

    @Sendable func export(req: Request) async throws -> Response {
        let filter = try AuditFilter(req)
        let entries = try await filter.apply(on: req.db).sort(\.$id, .descending).limit(Self.exportLimit).all()
        let data = try XLSXWriter.data(sheets: [
            XLSXSheet(
                name: "审计日志", header: ["序号", "时间（北京时间）", "操作人", "操作", "对象", "变更内容", "操作代码"],
                columnWidths: [8, 20, 28, 20, 40, 80, 22],
                rows: try await rows(entries, req).map {
                    [
                        .integer(Int64($0.seq)), .text($0.at), .text($0.actor), .text($0.action), .text($0.object.text),
                        .text(AuditFieldChanges.line($0.changes)), .text($0.actionCode),
                    ]
                })
        ])
        return download(
            data, name: "审计日志_\(Figures.moment(Date()).prefix(10)).xlsx",
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    private func rows(_ entries: [AuditEntry], _ req: Request) async throws -> [AuditModel.Row] {
        let objects = try await AuditObjects.load(entries, on: req.db)
        let regions = try await req.regionDirectory()
        let names = Dictionary(
            try await User.query(on: req.db).all().map { ($0.username, $0.displayName) },
            uniquingKeysWith: { a, _ in a })
        return entries.map {
            .init(
                seq: $0.id ?? 0, at: Figures.moment(auditTimestamp: $0.at),
                actor: names[$0.actor].map { [actor = $0.actor] name in name == actor ? actor : "\(name)（\(actor)）" }
                    ?? $0.actor,
                action: AuditVocabulary.action($0.action), actionCode: $0.action, object: objects.name($0),
                changes: AuditFieldChanges.of(before: $0.beforeJSON, after: $0.afterJSON, regions: regions))
        }
    }
}
