import Fluent
import SQLKit
import Vapor

struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: list)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let page = max((try? req.query.get(Int.self, at: "page")) ?? 1, 1)
        let entity = ((try? req.query.get(String.self, at: "entity")) ?? "").trimmingCharacters(in: .whitespaces)
        let perPage = 50
        var query = AuditEntry.query(on: req.db)
        if !entity.isEmpty { query = query.filter(\.$entityID == entity) }
        let total = try await query.count()
        let rows = try await query.sort(\.$id, .descending).range(lower: (page - 1) * perPage, upper: page * perPage).all()
        let report = try await AuditVerifier.verify(on: req.db)
        let verification: String
        if let broken = report.firstBroken {
            verification = "完整性校验失败：\(broken.reason)"
        } else {
            verification = "完整性校验通过：" + AuditVerifier.summary(report)
        }
        let model = AuditModel(
            rows: rows.map {
                .init(seq: $0.id ?? 0, at: $0.at, actor: $0.actor, action: $0.action, entity: "\($0.entity):\($0.entityID)",
                    before: $0.beforeJSON, after: $0.afterJSON)
            },
            verification: verification, intact: report.firstBroken == nil, page: page,
            pageCount: (total + perPage - 1) / perPage, total: total, entityFilter: entity)
        return htmlResponse(AuditView.render(try await req.pageContext(), model))
    }
}
