import Fluent
import ResettleCore
import Vapor

/// `/api/v1`: the register and its changes as JSON, with the same roles and township scoping
/// as the pages (a scoped user gets 404 for another township's records).
struct APIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(RegisterAPIRoutes.people, use: people)
        routes.on(RegisterAPIRoutes.person, use: person)
        routes.on(RegisterAPIRoutes.household, use: household)
        routes.on(RegisterAPIRoutes.changes, use: changes)
        routes.on(RegisterAPIRoutes.createChange, use: createChange)
        routes.on(RegisterAPIRoutes.change, use: change)
        routes.on(RegisterAPIRoutes.act, use: act)
    }

    @Sendable func people(req: Request) async throws -> PageDTO<PersonSummaryDTO> {
        var query = try PeopleQuery(request: req)
        query.perPage = try req.queryParameters.integer("per_page", default: 50, range: 1...500)
        try Self.checkFilter(query.status, "status", PersonStatus.rawValues)
        let (rows, total, _) = try await query.run(on: req.db, scope: req.scope)
        return PageDTO(total: total, page: query.page, per_page: query.perPage, items: rows.map(PersonSummaryDTO.init))
    }

    @Sendable func person(req: Request) async throws -> PersonDetailDTO {
        let p = try await RegisterLookup.person(req.parameters.get("personID"), on: req.db, scope: req.scope)
        let reservoir = try await Reservoir.find(p.reservoirID, on: req.db)?.name ?? ""
        let events = try await PersonStatusEvent.query(on: req.db).filter(\.$personID == p.id!).sort(\.$effectiveFrom)
            .all()
        return PersonDetailDTO(p, reservoir: reservoir, events: events)
    }

    @Sendable func household(req: Request) async throws -> HouseholdDTO {
        guard let id = req.parameters.get("householdID", as: UUID.self),
            let h = try await Household.find(id, on: req.db),
            req.scope.allows(townshipCode: h.townshipCode)
        else { throw ResettleError.notFound }
        let members = try await req.scope.restrict(Person.query(on: req.db), field: \.$townshipCode)
            .filter(\.$householdID == id).sort(\.$birthDate).all()
        return HouseholdDTO(
            id: id, head_id_number: h.headIDNumber, township_code: h.townshipCode, village_code: h.villageCode,
            group_code: h.groupCode, members: members.map(PersonSummaryDTO.init))
    }

    @Sendable func changes(req: Request) async throws -> PageDTO<ChangeDTO> {
        let filter = try ChangeFilter(request: req)
        try Self.checkFilter(filter.status, "status", ChangeFilter.statusValues)
        try Self.checkFilter(filter.kind, "kind", ChangeKind.rawValues)
        let (rows, total) = try await filter.run(on: req.db, scope: req.scope)
        return PageDTO(total: total, page: filter.page, per_page: filter.perPage, items: rows.map { ChangeDTO($0) })
    }

    @Sendable func change(req: Request) async throws -> ChangeDTO {
        let c = try await RegisterLookup.change(req.parameters.get("changeID"), on: req.db, scope: req.scope)
        let steps = try await ChangeStep.query(on: req.db).filter(\.$changeRequestID == c.id!).sort(\.$createdAt).all()
        return ChangeDTO(c, steps: steps)
    }

    @Sendable func createChange(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSONBody(CreateChangeDTO.self)
        let kind = try APIBody.code(body.kind, key: "kind", in: ChangeKind.allCases)
        let start = try Self.date(body.notice_start, key: "notice_start")
        let end = try Self.date(body.notice_end, key: "notice_end")
        let reason = try body.reason.map { try APIBody.code($0, key: "reason", in: ReductionReason.allCases) }
        let person = try await RegisterLookup.person(body.person, on: req.db, scope: req.scope)
        guard kind != .addition else { throw ResettleError.invalidInput("调增请使用页面“新增移民”") }
        let eventDate = try ChangeService.eventDate(body.event_date, kind: kind, reason: reason)
        let service = ChangeService(db: req.db, gate: req.application.writeGate, user: user)
        let created = try await service.submit(
            .init(
                kind: kind, reason: reason, reasonText: body.reason_text ?? "", evidence: body.evidence ?? "",
                noticeStart: start, noticeEnd: end, noticeReason: body.notice_reason ?? "", eventDate: eventDate,
                corrections: body.corrections ?? [:]),
            for: person)
        let response = Response(status: .created)
        try response.content.encode(ChangeDTO(created, steps: []))
        return response
    }

    @Sendable func act(req: Request) async throws -> ChangeDTO {
        let user = try req.requireUser()
        let c = try await RegisterLookup.change(req.parameters.get("changeID"), on: req.db, scope: req.scope)
        let body = try req.decodeJSONBody(ChangeActionDTO.self)
        let action = try APIBody.code(body.action, key: "action", in: ChangeAction.allCases)
        let updated = try await ChangeService(db: req.db, gate: req.application.writeGate, user: user)
            .act(action, on: c, opinion: body.opinion ?? "")
        let steps = try await ChangeStep.query(on: req.db).filter(\.$changeRequestID == c.id!).sort(\.$createdAt).all()
        return ChangeDTO(updated, steps: steps)
    }

    /// A filter of a list: empty (no filter) or one of `allowed`, else 400 naming the parameter.
    static func checkFilter(_ value: String, _ name: String, _ allowed: [String]) throws {
        guard value.isEmpty || allowed.contains(value) else {
            throw ResettleError.badParameter(name: name, reason: "应为 \(APIBody.choices(allowed))")
        }
    }

    static func date(_ raw: String, key: String) throws -> CivilDate {
        guard let date = CivilDate(parsing: raw) else { throw ResettleError.invalidBody("\(key) 须为日期，如 2026-01-31") }
        return date
    }
}
