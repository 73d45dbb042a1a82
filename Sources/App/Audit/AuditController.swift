import Fluent
import SQLKit
import Vapor

struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(AuditRoutes.list, use: list)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let params = req.queryParameters
        let paging = Paging(page: try params.page(), perPage: 50)
        let entity = try params.text("entity")
        var query = AuditEntry.query(on: req.db)
        if !entity.isEmpty { query = query.filter(\.$entityID == entity) }
        let total = try await query.count()
        let rows = try await query.sort(\.$id, .descending).offset(paging.offset).limit(paging.perPage).all()
        let report = try await AuditVerifier.verify(on: req.db)
        let verification: String
        if let broken = report.firstBroken {
            verification = "完整性校验失败：\(broken.reason)"
        } else {
            verification = "完整性校验通过：" + AuditVerifier.summary(report)
        }
        let model = AuditModel(
            rows: rows.map {
                .init(
                    seq: $0.id ?? 0, at: $0.at, actor: $0.actor, action: $0.action,
                    entity: "\($0.entity):\($0.entityID)",
                    before: $0.beforeJSON, after: $0.afterJSON)
            },
            verification: verification, intact: report.firstBroken == nil, page: paging.page,
            pageCount: paging.pageCount(total: total), total: total, entityFilter: entity)
        return htmlResponse(AuditView.render(try await req.pageContext(), model))
    }
}
