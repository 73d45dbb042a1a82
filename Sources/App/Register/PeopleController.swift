import Fluent
import ResettleCore
import ResettleOffice
import Vapor

struct PeopleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(RegisterRoutes.search, use: search)
        routes.on(RegisterRoutes.person, use: show)
        routes.on(RegisterRoutes.requestChange, use: requestChange)
        routes.on(RegisterRoutes.household, use: household)
        routes.on(RegisterRoutes.export, use: export)
    }

    /// Rows an export holds at most: more than a county's register.
    static let exportLimit = 200_000

    @Sendable func search(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let scope = req.scope
        var query = try PeopleQuery(request: req)
        // A township user's own township is preselected; the scope restricts the query anyway.
        if let own = scope.townshipCode { query.townshipCode = own }
        let started = Date()
        let (people, total, page) = try await query.run(
            on: req.db, scope: scope, counts: (req.application.peopleCountCache, try await req.registerVersion()),
            clampingPage: true)
        query.page = page
        let elapsed = Int(Date().timeIntervalSince(started) * 1000)
        let regions = try await req.regionDirectory()
        let townships = regions.townships.filter { scope.allows(townshipCode: $0.code) }
        let model = PeopleSearchModel(
            search: query,
            townships: townships.map { ($0.code, $0.name) },
            villages: query.townshipCode.isEmpty
                ? [] : regions.villages(of: query.townshipCode).map { ($0.code, $0.name) },
            rows: people.map { p in
                PeopleSearchModel.Row(
                    id: p.id.uuidString, name: p.name, idNumber: p.id_number, sex: p.sexValue.chinese,
                    township: regions.name(p.township_code), village: regions.name(p.village_code),
                    relation: p.relationValue.chinese, status: p.personStatus.chinese, statusTone: p.status)
            },
            page: query.page, pageCount: (total + query.perPage - 1) / query.perPage, total: total,
            milliseconds: elapsed,
            canImport: user.roleValue == .admin || user.roleValue == .county)
        return htmlResponse(PeopleSearchView.render(try await req.pageContext(), model))
    }

    /// What the search finds, in the list's order, as an XLSX file: scoped like the page (a
    /// township user gets their township only), and recorded in the audit log, since it holds
    /// ID and card numbers.
    @Sendable func export(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let scope = req.scope
        var query = try PeopleQuery(request: req)
        if let own = scope.townshipCode { query.townshipCode = own }
        let rows = try await query.exportRows(on: req.db, scope: scope, limit: Self.exportLimit)
        let regions = try await req.regionDirectory()
        let data = try XLSXWriter.data(sheets: [
            XLSXSheet(
                name: "移民名单",
                header: ["序号", "姓名", "身份证号", "性别", "乡镇", "村", "组", "与户主关系", "状态", "开户银行", "银行卡号", "联系电话"],
                columnWidths: [7, 10, 21, 6, 12, 12, 8, 10, 9, 16, 22, 14],
                rows: rows.enumerated().map { i, p in
                    [
                        .integer(Int64(i + 1)), .text(p.name), .text(p.idNumber),
                        .text(Sex(rawValue: p.sex)?.chinese ?? p.sex), .text(regions.name(p.townshipCode)),
                        .text(regions.name(p.villageCode)), .text(regions.name(p.groupCode)),
                        .text(HouseholdRelation(rawValue: p.relation)?.chinese ?? p.relation),
                        .text(PersonStatus(rawValue: p.status)?.chinese ?? p.status), .text(p.bankName ?? ""),
                        .text(p.cardNumber ?? ""), .text(p.phone ?? ""),
                    ]
                })
        ])
        let township = query.townshipCode.isEmpty ? "全县" : regions.name(query.townshipCode)
        let name = "移民名单_\(township)_\(CivilDate.today().iso).xlsx"
        let filter = RoutePath.queryString(RegisterRoutes.searchQuery(query).filter { !$0.1.isEmpty })
        try await req.application.writeGate.write(on: req.db) { _, audit in
            audit.record(
                actor: user.username, action: "register.export", entity: "file", entityID: name,
                townshipCode: scope.townshipCode, before: nil,
                after: [
                    "file": name, "rows": String(rows.count), "sha256": Secrets.sha256Hex(data),
                    "filter": filter,
                ])
        }
        return download(data, name: name, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    @Sendable func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let person = try await RegisterLookup.person(req.parameters.get("personID"), on: req.db, scope: req.scope)
        let model = try await PersonPage.model(for: person, user: user, on: req.db)
        return htmlResponse(PersonView.render(try await req.pageContext(), model))
    }

    struct ChangeForm: Content {
        var kind: String
        var reason: String?
        var reason_text: String?
        var evidence: String?
        var notice_start: String
        var notice_end: String
        var notice_reason: String?
        var event_date: String?
        var correct_name: String?
        var correct_bank_name: String?
        var correct_card_number: String?
        var correct_phone: String?
    }

    @Sendable func requestChange(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let person = try await RegisterLookup.person(req.parameters.get("personID"), on: req.db, scope: req.scope)
        let form = try req.content.decode(ChangeForm.self)
        guard let kind = ChangeKind(rawValue: form.kind) else {
            throw ResettleError.invalidField("变更类型无效", field: "kind")
        }
        guard let start = CivilDate(parsing: form.notice_start) else {
            throw ResettleError.invalidField("请填写公示开始日期", field: "notice_start")
        }
        guard let end = CivilDate(parsing: form.notice_end) else {
            throw ResettleError.invalidField("请填写公示结束日期", field: "notice_end")
        }
        let reason = form.reason.flatMap(ReductionReason.init(rawValue:))
        let eventDate = try ChangeService.eventDate(form.event_date, kind: kind, reason: reason)
        var corrections: [String: String] = [:]
        for (field, value) in [
            ("name", form.correct_name), ("bank_name", form.correct_bank_name),
            ("card_number", form.correct_card_number), ("phone", form.correct_phone),
        ] {
            if let value, !value.trimmingIDWhitespace().isEmpty { corrections[field] = value }
        }
        let submission = ChangeService.Submission(
            kind: kind, reason: reason, reasonText: form.reason_text ?? "",
            evidence: form.evidence ?? "", noticeStart: start, noticeEnd: end, noticeReason: form.notice_reason ?? "",
            eventDate: eventDate, corrections: corrections)
        let service = ChangeService(db: req.db, gate: req.application.writeGate, user: user)
        let change = try await service.submit(submission, for: person)
        req.setFlash("已提交\(kind.chinese)申请，公示期至\(end.chinese)")
        return req.redirect(to: ChangesRoutes.show(change.id!))
    }

    @Sendable func household(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let id = req.parameters.get("householdID", as: UUID.self),
            let household = try await Household.find(id, on: req.db),
            req.scope.allows(townshipCode: household.townshipCode)
        else { throw ResettleError.notFound }
        let members = try await req.scope.restrict(Person.query(on: req.db), field: \.$townshipCode)
            .filter(\.$householdID == id).sort(\.$birthDate).all()
        let regions = try await req.regionDirectory()
        let head = members.first { $0.idNumber == household.headIDNumber }
        let model = HouseholdModel(
            headName: head?.name ?? household.headIDNumber, headIDNumber: household.headIDNumber,
            location: [
                regions.name(household.townshipCode), regions.name(household.villageCode),
                regions.name(household.groupCode),
            ]
            .filter { !$0.isEmpty }.joined(separator: " "),
            members: members.map(PersonPage.member))
        return htmlResponse(HouseholdView.render(try await req.pageContext(), model))
    }
}

/// Finds records by id, applying the user's scope: another township's record is "not found",
/// exactly like one that does not exist, so a URL reveals nothing.
enum RegisterLookup {
    static func person(_ raw: String?, on db: any Database, scope: AccessScope) async throws -> Person {
        guard let raw, let person = try await find(raw, on: db), scope.allows(townshipCode: person.townshipCode) else {
            throw ResettleError.notFound
        }
        return person
    }

    /// By record id or by resident ID number.
    private static func find(_ raw: String, on db: any Database) async throws -> Person? {
        if let uuid = UUID(uuidString: raw) { return try await Person.find(uuid, on: db) }
        guard let id = ResidentID.normalized(raw) else { return nil }
        return try await Person.query(on: db).filter(\.$idNumber == id).first()
    }

    static func change(_ raw: String?, on db: any Database, scope: AccessScope) async throws -> ChangeRequest {
        guard let raw, let id = UUID(uuidString: raw), let change = try await ChangeRequest.find(id, on: db),
            scope.allows(townshipCode: change.townshipCode)
        else { throw ResettleError.notFound }
        return change
    }
}
