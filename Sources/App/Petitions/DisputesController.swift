import Fluent
import Foundation
import ResettleCore
import Vapor

/// The screening for disputes (矛盾纠纷排查): entries per township and period, each followed up
/// until resolved. Township staff keep their own township's entries.
struct DisputesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(PetitionRoutes.disputes, use: list)
        routes.on(PetitionRoutes.addDispute, use: add)
        routes.on(PetitionRoutes.followDispute, use: follow)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.read)
        let year = try QueryParameters(req).year() ?? CivilDate.today().year
        let entries = try await req.scope.restrict(DisputeScreening.query(on: req.db), field: \.$townshipCode)
            .filter(\.$foundOn >= "\(year)-01-01").filter(\.$foundOn <= "\(year)-12-31")
            .sort(\.$foundOn, .descending).all()
        let regions = try await req.regionDirectory()
        return htmlResponse(
            PetitionsView.disputes(
                try await req.pageContext(), entries, year: year, regions: regions,
                townships: regions.townships.filter { req.scope.allows(townshipCode: $0.code) }.map {
                    ($0.code, $0.name)
                }, canAdd: PetitionAccess.handle.contains(user.roleValue)))
    }

    @Sendable func add(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.handle)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let risk = DisputeRisk(rawValue: f.text("risk")) else {
            throw ResettleError.invalidField("请选择风险等级", field: "risk")
        }
        let entry = try await DisputeService(db: req.db, gate: req.application.writeGate, user: user, today: .today())
            .add(
                .init(
                    townshipCode: f.text("township"), period: f.text("period"), foundOn: try f.date("found_on", "排查日期"),
                    subject: f.fields["subject"] ?? "", risk: risk, people: f.fields["people"] ?? "",
                    measures: f.fields["measures"] ?? ""))
        req.setFlash("已登记排查：\(entry.subject)")
        return req.redirect(to: PetitionRoutes.disputes.path())
    }

    @Sendable func follow(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.handle)
        guard let id = req.parameters.get("disputeID", as: UUID.self) else { throw ResettleError.notFound }
        let f = FormValues(fields: try req.content.decode([String: String].self))
        _ = try await DisputeService(db: req.db, gate: req.application.writeGate, user: user, today: .today())
            .followUp(
                id, on: try f.date("day", "日期"), text: f.fields["text"] ?? "", resolved: f.text("resolved") == "1")
        req.setFlash("已记录跟进情况")
        return req.redirect(to: PetitionRoutes.disputes.path())
    }
}
