import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Vapor

/// The petition pages. Every handler checks the role, and the petition's township against the
/// user's, on the server.
struct PetitionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(PetitionRoutes.list, use: list)
        routes.on(PetitionRoutes.new, use: new)
        routes.on(PetitionRoutes.register, use: register)
        routes.on(PetitionRoutes.show, use: show)
        routes.on(PetitionRoutes.act, use: act)
        routes.on(PetitionRoutes.evidence, use: evidence)
        routes.on(PetitionRoutes.evidenceFile, use: evidenceFile)
        routes.on(PetitionRoutes.reply, use: reply)
        routes.on(PetitionRoutes.board, use: board)
        routes.on(PetitionRoutes.statistics, use: statistics)
        routes.on(PetitionRoutes.statisticsWorkbook, use: statisticsWorkbook)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.read)
        var filter = try PetitionFilter(req)
        if filter.year == nil { filter.year = CivilDate.today().year }
        let (total, petitions) = try await filter.page(req.db, scope: req.scope)
        let rules = try await PetitionRules.load(on: req.db)
        let ids = petitions.compactMap(\.id)
        let people = ids.isEmpty ? [] : try await Petitioner.query(on: req.db).filter(\.$petitionID ~~ ids).all()
        let names = Dictionary(grouping: people.filter { $0.roleValue != .agent }, by: \.petitionID)
        let regions = try await req.regionDirectory()
        let today = CivilDate.today()
        let model = PetitionsView.ListModel(
            filter: filter, total: total,
            rows: petitions.map { p in
                let sees = PetitionAccess.seesContent(of: p, user: user, rules: rules)
                let next = p.procedure(rules).running(on: today).min { $0.dueOn < $1.dueOn }
                return PetitionsView.Row(
                    id: p.id!, number: p.number, receivedOn: p.receivedOn, channel: p.channelValue.chinese,
                    headcount: p.headcount, township: regions.name(p.townshipCode),
                    names: sees ? (names[p.id!] ?? []).map(\.name).joined(separator: "、") : nil,
                    category: sees ? p.category : nil, stage: p.stageValue, isRepeat: p.repeatOfID != nil,
                    restricted: p.restricted, next: next, daysLeft: next?.daysLeft(on: today))
            },
            townships: regions.townships.filter { req.scope.allows(townshipCode: $0.code) }.map { ($0.code, $0.name) },
            categories: try await FundsTerm.names(.petitionCategory, on: req.db),
            canRegister: PetitionAccess.handle.contains(user.roleValue))
        return htmlResponse(PetitionsView.list(try await req.pageContext(), model))
    }

    @Sendable func new(req: Request) async throws -> Response {
        _ = try req.requireUser(in: PetitionAccess.handle)
        let regions = try await req.regionDirectory()
        let rules = try await PetitionRules.load(on: req.db)
        return htmlResponse(
            PetitionsView.new(
                try await req.pageContext(),
                townships: regions.townships.filter { req.scope.allows(townshipCode: $0.code) }.map {
                    ($0.code, $0.name)
                }, categories: try await FundsTerm.names(.petitionCategory, on: req.db), rules: rules,
                today: .today()))
    }

    /// Rows of people in the registration form.
    static let personRows = 6

    @Sendable func register(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.handle)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        guard let channel = PetitionChannel(rawValue: f.text("channel")) else {
            throw ResettleError.invalidField("请选择信访方式", field: "channel")
        }
        let people = (1...Self.personRows).map { i in
            PetitionRegistration.NewPetitioner(
                role: PetitionerRole(rawValue: f.text("role\(i)")) ?? .petitioner, name: f.text("name\(i)"),
                idNumber: f.text("id\(i)"), address: f.text("address\(i)"), phone: f.text("phone\(i)"),
                authorisation: f.text("authorisation\(i)"))
        }
        let registered = try await PetitionRegistration(
            db: req.db, gate: req.application.writeGate, user: user, today: .today()
        ).register(
            .init(
                receivedOn: try f.date("received_on", "登记日期"), channel: channel,
                referralReference: f.text("referral_reference"),
                headcount: try f.requiredInteger("headcount", "人数", range: 1...100_000),
                townshipCode: f.text("township"), villageCode: f.text("village"), category: f.text("category"),
                request: f.fields["request"] ?? "", facts: f.fields["facts"] ?? "",
                restricted: f.text("restricted") == "1",
                subjectIDNumber: f.text("subject_id_number"), people: people))
        req.setFlash((["已登记\(registered.petition.number)"] + registered.notices).joined(separator: "；"))
        return req.redirect(to: PetitionRoutes.show(registered.petition.id!))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.read)
        let p = try await PetitionAccess.petition(req)
        let page = try await PetitionPage.load(
            p, user: user, gate: req.application.writeGate, regions: try await req.regionDirectory(), today: .today(),
            on: req.db)
        return htmlResponse(PetitionsView.page(try await req.pageContext(), page))
    }

    @Sendable func act(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.handle)
        let p = try await PetitionAccess.petition(req)
        let id = try p.requireID()
        let f = FormValues(fields: try req.content.decode([String: String].self))
        let service = PetitionService(db: req.db, gate: req.application.writeGate, user: user, today: .today())
        let action = f.text("action")
        switch action {
        case "decide":
            guard let decision = PetitionDecision(rawValue: f.text("decision")) else {
                throw ResettleError.invalidField("请选择受理决定", field: "decision")
            }
            _ = try await service.decide(
                decision, on: try f.date("day", "告知日期"), note: f.fields["note"] ?? "", petitionID: id)
        case "object":
            _ = try await service.object(
                on: try f.date("day", "异议日期"), reason: f.fields["reason"] ?? "", petitionID: id)
        case "assign":
            _ = try await service.assign(
                to: f.text("assigned_to"), assignee: f.text("assignee"), due: try f.date("due", "承办期限"), petitionID: id)
        case "note":
            let kind: PetitionEventKind = f.text("kind") == PetitionEventKind.siteVisit.rawValue ? .siteVisit : .note
            _ = try await service.note(kind, on: try f.date("day", "日期"), text: f.fields["text"] ?? "", petitionID: id)
        case "extend":
            _ = try await service.extend(
                days: try f.requiredInteger("days", "延长天数", range: 1...366), reason: f.fields["reason"] ?? "",
                approvedOn: try f.date("approved_on", "批准日期"), toldOn: try f.date("told_on", "告知日期"), petitionID: id)
        case "reply":
            guard let outcome = PetitionOutcome(rawValue: f.text("outcome")) else {
                throw ResettleError.invalidField("请选择处理结果", field: "outcome")
            }
            let delivered = f.text("delivered_on").isEmpty ? nil : try f.date("delivered_on", "送达日期")
            _ = try await service.reply(
                outcome, opinion: f.fields["opinion"] ?? "", on: try f.date("day", "答复日期"), deliveredOn: delivered,
                petitionID: id)
        case "delivered":
            _ = try await service.delivered(on: try f.date("day", "送达日期"), petitionID: id)
        case "satisfaction":
            guard let s = PetitionSatisfaction(rawValue: f.text("satisfaction")) else {
                throw ResettleError.invalidField("请选择满意度", field: "satisfaction")
            }
            _ = try await service.satisfaction(s, petitionID: id)
        case "review":
            _ = try await service.request(
                .review,
                on: try f.date("day", "申请日期"), text: f.fields["text"] ?? "", petitionID: id)
        case "hearing":
            _ = try await service.hearing(
                from: try f.date("from", "听证开始日期"), to: try f.date("to", "听证结束日期"), text: f.fields["text"] ?? "",
                petitionID: id)
        case "answerReview":
            _ = try await service.answer(
                .review,
                on: try f.date("day", "答复日期"), opinion: f.fields["opinion"] ?? "", petitionID: id)
        case "rereview":
            _ = try await service.request(
                .rereview,
                on: try f.date("day", "申请日期"), text: f.fields["text"] ?? "", petitionID: id)
        case "answerRereview":
            _ = try await service.answer(
                .rereview,
                on: try f.date("day", "答复日期"), opinion: f.fields["opinion"] ?? "", petitionID: id)
        default:
            throw ResettleError.invalidInput("办理事项无效")
        }
        req.setFlash("已办理：" + (Self.stepNames[action] ?? action))
        return req.redirect(to: PetitionRoutes.show(id))
    }

    /// What each step is called, for the message after it.
    static let stepNames: [String: String] = [
        "decide": "受理告知",
        "object": "提出异议",
        "assign": "交办",
        "note": "办理记录",
        "extend": "延期",
        "reply": "出具处理意见书",
        "delivered": "登记送达",
        "satisfaction": "满意度评价",
        "review": "复查申请",
        "hearing": "听证",
        "answerReview": "复查答复",
        "rereview": "复核申请",
        "answerRereview": "复核答复",
    ]

    @Sendable func evidence(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.handle)
        let p = try await PetitionAccess.petition(req)
        let upload = try await StreamedUpload.read(req, maxBytes: AttachmentType.maxBytes)
        let name = try await PetitionEvidence(
            db: req.db, gate: req.application.writeGate, store: req.application.fileStore, user: user, today: .today()
        ).add(
            try upload.data(), fileName: upload.fileName, note: upload.fields["note"] ?? "", petitionID: p.requireID())
        req.setFlash("已存档“\(name)”")
        return req.redirect(to: PetitionRoutes.show(p.id!))
    }

    @Sendable func evidenceFile(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.read)
        let p = try await PetitionAccess.petition(req)
        let rules = try await PetitionRules.load(on: req.db)
        guard PetitionAccess.seesContent(of: p, user: user, rules: rules),
            let eventID = req.parameters.get("eventID", as: UUID.self),
            let event = try await PetitionEvent.find(eventID, on: req.db), event.petitionID == p.id,
            let fileID = event.fileID, let file = try await ArchivedFile.find(fileID, on: req.db)
        else { throw ResettleError.notFound }
        let data = try await FileArchive.content(of: file, on: req.db, store: req.application.fileStore)
        return download(
            data, name: event.fileName ?? "evidence",
            type: AttachmentType(sniffing: data)?.rawValue ?? "application/octet-stream")
    }

    @Sendable func reply(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.read)
        let p = try await PetitionAccess.petition(req)
        let rules = try await PetitionRules.load(on: req.db)
        guard PetitionAccess.seesContent(of: p, user: user, rules: rules), p.repliedOn != nil else {
            throw ResettleError.notFound
        }
        let people = try await Petitioner.query(on: req.db).filter(\.$petitionID == p.requireID()).all()
        let doc = PetitionReplyDocument.document(
            p, petitioners: people, rules: rules, office: try await OfficeSetting.officeName.text(on: req.db),
            template: try await OfficeSetting.petitionReplyTemplate.text(on: req.db))
        return download(
            try doc.data(), name: "处理意见书-\(p.number).docx",
            type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    @Sendable func board(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.read)
        let board = try await PetitionBoard.load(for: user, scope: req.scope, today: .today(), on: req.db)
        return htmlResponse(
            PetitionsView.board(try await req.pageContext(), board, regions: try await req.regionDirectory()))
    }

    /// The period of the statistics: `from`/`to`, or the whole of `year` (this year by default).
    static func period(_ req: Request) throws -> (from: CivilDate, to: CivilDate, township: String?) {
        let p = QueryParameters(req)
        let year = try p.year() ?? CivilDate.today().year
        let from = try p.date("from") ?? CivilDate(year: year, month: 1, day: 1)!
        let to = try p.date("to") ?? CivilDate(year: year, month: 12, day: 31)!
        guard from <= to else { throw ResettleError.badParameter(name: "to", reason: "早于开始日期") }
        let township = try p.text("township")
        return (from, to, township.isEmpty ? nil : township)
    }

    @Sendable func statistics(req: Request) async throws -> Response {
        _ = try req.requireUser(in: PetitionAccess.read)
        let period = try Self.period(req)
        let stats = try await PetitionStatistics.load(
            from: period.from, to: period.to, townshipCode: period.township, scope: req.scope, on: req.db)
        let regions = try await req.regionDirectory()
        return htmlResponse(
            PetitionsView.statistics(
                try await req.pageContext(), stats, regions: regions,
                townships: regions.townships.filter { req.scope.allows(townshipCode: $0.code) }.map {
                    ($0.code, $0.name)
                }))
    }

    @Sendable func statisticsWorkbook(req: Request) async throws -> Response {
        _ = try req.requireUser(in: PetitionAccess.read)
        let period = try Self.period(req)
        let stats = try await PetitionStatistics.load(
            from: period.from, to: period.to, townshipCode: period.township, scope: req.scope, on: req.db)
        let regions = try await req.regionDirectory()
        return download(
            try stats.workbook(names: { regions.name($0) }), name: "信访统计-\(period.from.iso)至\(period.to.iso).xlsx",
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}
