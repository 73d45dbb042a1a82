import Fluent
import ResettleCore
import Vapor

struct ChangesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(ChangesRoutes.list, use: list)
        routes.on(ChangesRoutes.additionForm, use: additionForm)
        routes.on(ChangesRoutes.submitAddition, use: submitAddition)
        routes.on(ChangesRoutes.show, use: show)
        routes.on(ChangesRoutes.act, use: act)
        routes.on(ChangesRoutes.batch, use: batch)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let filter = try ChangeFilter(request: req)
        let (changes, total) = try await filter.run(on: req.db, scope: req.scope)
        let people = try await Person.query(on: req.db).filter(\.$id ~~ changes.map(\.personID)).all()
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) })
        let regions = try await req.regionDirectory()
        let batch = ChangeBatch.actions(for: user.roleValue)
        let model = ChangeListModel(
            filter: filter,
            rows: changes.map { c in
                let stage = c.stage(today: filter.today)
                return ChangeListModel.Row(
                    id: c.id!.uuidString, personName: byID[c.personID]?.name ?? "",
                    idNumber: byID[c.personID]?.idNumber ?? "",
                    township: regions.name(c.townshipCode), kind: c.kindValue.chinese, reason: PersonPage.reasonText(c),
                    status: stage.chinese, submittedOn: c.submittedOn, noticeEnd: c.noticeEnd,
                    effectivePeriod: c.effectivePeriod.map(Figures.period) ?? "", decidedOn: c.decidedOn ?? "",
                    selectable: batch.contains { $0.stage == stage })
            },
            total: total, page: filter.page, pageCount: filter.paging.pageCount(total: total),
            batchActions: batch.map { ($0.action.rawValue, $0.action.chinese) })
        return htmlResponse(ChangesView.list(try await req.pageContext(), model))
    }

    struct BatchForm: Content {
        var change_id: [String]?
        var action: String
        var opinion: String?
    }

    /// Reviews or approves a selection: each request is acted on by itself, through the same
    /// service as the request's own page (its own checks, transaction and audit entry), so one
    /// that may not be acted on is named and the others go through.
    @Sendable func batch(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(BatchForm.self)
        guard let action = ChangeAction(rawValue: form.action), ChangeBatch.allowed.contains(action) else {
            throw ResettleError.invalidInput("请选择批量办理的操作")
        }
        let ids = (form.change_id ?? []).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty else { throw ResettleError.invalidInput("请先勾选要办理的申请") }
        guard ids.count <= ChangeBatch.limit else {
            throw ResettleError.invalidInput("一次最多办理\(ChangeBatch.limit)件")
        }
        let service = ChangeService(db: req.db, gate: req.application.writeGate, user: user)
        var done = 0
        var refused: [String] = []
        for id in Set(ids).sorted(by: { $0.uuidString < $1.uuidString }) {
            do {
                let change = try await RegisterLookup.change(id.uuidString, on: req.db, scope: req.scope)
                _ = try await service.act(action, on: change, opinion: form.opinion ?? "")
                done += 1
            } catch let error as ResettleError {
                let person = try await ChangeBatch.personName(id, on: req.db, scope: req.scope)
                refused.append("\(person)：\(error.reason)")
            }
        }
        var message = "已\(action.chinese) \(done) 件"
        if !refused.isEmpty {
            let named = refused.prefix(10).joined(separator: "；") + (refused.count > 10 ? "；等" : "")
            message += "；\(refused.count) 件未办理（\(named)）"
        }
        req.setFlash(message)
        return req.redirect(to: ChangesRoutes.list.path())
    }

    @Sendable func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let change = try await RegisterLookup.change(req.parameters.get("changeID"), on: req.db, scope: req.scope)
        let model = try await ChangeDetailPage.model(change, user: user, on: req.db)
        return htmlResponse(ChangesView.detail(try await req.pageContext(), model))
    }

    struct ActionForm: Content {
        var action: String
        var opinion: String?
    }

    @Sendable func act(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let change = try await RegisterLookup.change(req.parameters.get("changeID"), on: req.db, scope: req.scope)
        let form = try req.content.decode(ActionForm.self)
        guard let action = ChangeAction(rawValue: form.action) else { throw ResettleError.invalidInput("操作无效") }
        let service = ChangeService(db: req.db, gate: req.application.writeGate, user: user)
        let updated = try await service.act(action, on: change, opinion: form.opinion ?? "")
        var message = "已\(action.chinese)"
        if let period = updated.effectivePeriod, updated.statusValue == .approved { message += "，自\(period)起生效" }
        req.setFlash(message)
        return req.redirect(to: ChangesRoutes.show(change.id!))
    }

    @Sendable func additionForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.roleValue.canEditRegister else { throw ResettleError.forbidden }
        let regions = try await req.regionDirectory()
        let reservoirs = try await Reservoir.query(on: req.db).sort(\.$name).all().map(\.name)
        let today = CivilDate.today()
        let minimum = try await OfficeSetting.noticeMinimumDays.int(on: req.db)
        let model = AdditionFormModel(
            townships: regions.townships.filter { req.scope.allows(townshipCode: $0.code) }.map { ($0.code, $0.name) },
            reservoirs: reservoirs, today: today.iso, noticeEndDefault: today.adding(days: minimum - 1).iso)
        return htmlResponse(AdditionView.render(try await req.pageContext(), model))
    }

    @Sendable func submitAddition(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(PersonRegistration.self)
        let service = ChangeService(db: req.db, gate: req.application.writeGate, user: user)
        let change = try await service.submitAddition(form)
        req.setFlash("已提交调增申请")
        return req.redirect(to: ChangesRoutes.show(change.id!))
    }
}

enum ChangeDetailPage {
    static func model(_ c: ChangeRequest, user: User, on db: any Database) async throws -> ChangeDetailModel {
        let person = try await Person.find(c.personID, on: db)
        let steps = try await ChangeStep.query(on: db).filter(\.$changeRequestID == c.id!).sort(\.$createdAt).all()
        let regions = try await RegionDirectory.load(on: db)
        let changes =
            (try? JSONDecoder().decode([String: [String: String]].self, from: Data(c.changesJSON.utf8))) ?? [:]
        var actions: [(String, String)] = []
        let role = user.roleValue
        // Offer only the steps this person may take; the service enforces the same rule.
        let reviewer = steps.first { $0.action == ChangeAction.townshipApprove.rawValue }?.actorID
        func allowed(_ action: ChangeAction) -> Bool {
            guard let me = user.id else { return false }
            return
                (try? ChangeWorkflow.checkSeparation(
                    action, by: me, submitter: c.submittedBy, townshipReviewer: reviewer)) != nil
        }
        var separationNote = ""
        switch c.statusValue {
        case .noticePosted where role.canReviewAsTownship:
            if allowed(.townshipApprove) {
                actions = [
                    (ChangeAction.townshipApprove.rawValue, ChangeAction.townshipApprove.chinese),
                    (ChangeAction.townshipReject.rawValue, ChangeAction.townshipReject.chinese),
                ]
            } else {
                separationNote = ChangeWorkflowError.submitterCannotReview.message
            }
        case .awaitingCounty where role.canApproveAsCounty:
            if allowed(.countyApprove) {
                actions = [
                    (ChangeAction.countyApprove.rawValue, ChangeAction.countyApprove.chinese),
                    (ChangeAction.countyReject.rawValue, ChangeAction.countyReject.chinese),
                ]
            } else {
                separationNote =
                    user.id == c.submittedBy
                    ? ChangeWorkflowError.submitterCannotApprove.message
                    : ChangeWorkflowError.reviewerCannotApprove.message
            }
        default: break
        }
        if !c.statusValue.isFinal && (c.submittedBy == user.id || role == .admin) {
            actions.append((ChangeAction.withdraw.rawValue, ChangeAction.withdraw.chinese))
        }
        var rows: [ChangeDetailModel.Step] = [
            .init(
                action: "提交申请并公示", actor: c.submittedByName, on: c.submittedOn, opinion: c.evidence,
                result: "公示 \(c.noticeStart) 至 \(c.noticeEnd)")
        ]
        rows += steps.map {
            .init(
                action: ChangeAction(rawValue: $0.action)?.chinese ?? $0.action, actor: $0.actorName, on: $0.actedOn,
                opinion: $0.opinion, result: ChangeStatus(rawValue: $0.toStatus)?.chinese ?? $0.toStatus)
        }
        var facts: [(String, String)] = [
            ("移民", "\(person?.name ?? "")（\(person?.idNumber ?? "")）"), ("乡镇", regions.name(c.townshipCode)),
            ("类型", c.kindValue.chinese), ("原因", PersonPage.reasonText(c)),
        ]
        if let day = c.eventDate { facts.append(("事件日期", day)) }
        facts += [("证明材料", c.evidence), ("公示期", "\(c.noticeStart) 至 \(c.noticeEnd)")]
        if let reason = c.noticeReason { facts.append(("公示早于申请的原因", reason)) }
        facts += [("状态", ChangeBatch.stageText(c)), ("生效期", c.effectivePeriod.map(Figures.period) ?? "")]
        return ChangeDetailModel(
            id: c.id!.uuidString,
            title: "\(c.kindValue.chinese)申请：\(person?.name ?? "")",
            personID: c.personID.uuidString,
            facts: facts,
            corrections: changes.sorted { $0.key < $1.key }.map {
                (
                    ChangeService.CorrectableField(rawValue: $0.key)?.chinese ?? $0.key, $0.value["old"] ?? "",
                    $0.value["new"] ?? ""
                )
            },
            steps: rows, actions: actions, separationNote: separationNote)
    }
}
