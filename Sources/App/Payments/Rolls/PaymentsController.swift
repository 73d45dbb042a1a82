import Fluent
import ResettleCore
import ResettleOffice
import Vapor

/// Payment rolls: list, generate, view, approve or discard, print, export the one-card file.
struct PaymentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(RollRoutes.list, use: list)
        routes.on(RollRoutes.create, use: create)
        routes.on(RollRoutes.show, use: show)
        routes.on(RollRoutes.regenerate, use: regenerate)
        routes.on(RollRoutes.approve, use: approve)
        routes.on(RollRoutes.discard, use: discard)
        routes.on(RollRoutes.print, use: print)
        routes.on(RollRoutes.exportXLSX, use: exportXLSX)
        routes.on(RollRoutes.exportCSV, use: exportCSV)
        routes.on(PolicyRoutes.list, use: policies)
        routes.on(PolicyRoutes.add, use: addPolicy)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.read)
        let all = try await PaymentRoll.query(on: req.db).sort(\.$period, .descending).all()
        let rolls = all.filter { !$0.isDiscarded }
        // A township clerk sees the township's own figures, never the county's.
        let township = req.scope.townshipCode
        let figures = try await RollFigures.of(all, townshipCode: township, on: req.db)
        let regions = township == nil ? nil : try await req.regionDirectory()
        let canGenerate = PaymentAccess.operate.contains(user.roleValue)
        let today = CivilDate.today()
        let choices = canGenerate ? try await RollPeriods.choices(today: today, on: req.db) : []
        let current = PaymentPeriod(containing: today).label
        let newest = rolls.first.map { r in (r, figures[r.id!] ?? RollFigures(county: r)) }
        let model = RollListModel(
            rows: rolls.map { r in
                let f = figures[r.id!] ?? RollFigures(county: r)
                return .init(
                    id: r.id!.uuidString, period: r.period, periodChinese: r.periodValue?.chinese ?? r.period,
                    status: r.statusValue.chinese, locked: r.isLocked, lines: f.lines, total: Figures.yuan(f.fen),
                    excluded: f.excluded, generatedBy: r.generatedBy, approvedBy: r.approvedBy ?? "")
            },
            discarded: all.filter(\.isDiscarded).map { r in
                let f = figures[r.id!] ?? RollFigures(county: r)
                return .init(
                    id: r.id!.uuidString, periodChinese: Figures.period(r.period), lines: Figures.count(f.lines),
                    total: Figures.yuan(f.fen), discardedBy: r.discardedBy ?? "",
                    discardedAt: r.discardedAt.map(Figures.minute) ?? "", reason: r.discardReason ?? "")
            },
            scopeName: township.flatMap { regions?.name($0) },
            summary: newest.map { r, f in
                "最新一期（\(Figures.period(r.period))，\(r.statusValue.chinese)）：发放 \(Figures.count(f.lines)) 人，共 \(Figures.wan(f.fen)) 万元"
            },
            canGenerate: canGenerate,
            periodChoices: choices.map { ($0.label, $0.chinese + ($0.hasDraft ? "（已有草稿，将重新生成）" : "")) },
            suggestedPeriod: choices.contains { $0.label == current } ? current : choices.first?.label ?? current,
            dropWarningPercent: try await OfficeSetting.payeeDropWarningPercent.int(on: req.db))
        return htmlResponse(PaymentsView.list(try await req.pageContext(), model))
    }

    struct PeriodForm: Content {
        var period: String
    }

    @Sendable func create(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.operate)
        let form = try req.content.decode(PeriodForm.self)
        let period = try await RollPeriods.validate(form.period, today: .today(), on: req.db)
        return try await generateInBackground(period: period, user: user, done: "已生成\(period.chinese)花名册", req: req)
    }

    @Sendable func regenerate(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.operate)
        let roll = try await PaymentAccess.roll(req)
        guard !roll.isDiscarded else {
            throw ResettleError.conflict("这份花名册已作废，不能重新生成；请在发放管理页重新生成该期花名册")
        }
        guard let period = roll.periodValue else { throw ResettleError.conflict("发放期无效") }
        return try await generateInBackground(period: period, user: user, done: "已重新生成", req: req)
    }

    /// Generation runs as a job: the user is taken to its progress page, and from there to
    /// the roll, where `done` and the roll's figures are its message. What can be refused at
    /// once (no policy, a locked roll) is refused here.
    private func generateInBackground(period: PaymentPeriod, user: User, done: String, req: Request) async throws
        -> Response
    {
        try await RollGenerator.check(period: period, on: req.db)
        let app = req.application
        let actor = user.username
        let id = try await app.jobs.submit(
            .init(kind: .rollGeneration, title: "生成\(period.chinese)发放花名册", actor: actor, townshipCode: nil) {
                progress in
                var generator = RollGenerator(db: app.db, gate: app.writeGate, actor: actor)
                generator.progress = progress
                let roll = try await generator.generate(period: period).roll
                let drop = try await PayeeDrop.check(roll, townshipCode: nil, on: app.db)
                return JobResult(
                    path: RollRoutes.show(try roll.requireID()),
                    summary: "\(done)：\(Figures.count(roll.lineCount))人，\(Figures.yuan(roll.totalFen))元"
                        + (drop.map { "。注意：" + $0.message } ?? ""))
            })
        return req.redirect(to: JobsRoutes.show(id))
    }

    @Sendable func approve(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.approve)
        let roll = try await PaymentAccess.roll(req)
        let approved = try await RollApproval(db: req.db, gate: req.application.writeGate, user: user).approve(
            rollID: roll.id!)
        req.setFlash("\(Figures.period(approved.period))花名册已审批锁定")
        return req.redirect(to: RollRoutes.show(roll.id!))
    }

    struct DiscardForm: Content {
        var reason: String?
    }

    @Sendable func discard(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.operate)
        let roll = try await PaymentAccess.roll(req)
        let form = try req.content.decode(DiscardForm.self)
        let discarded = try await RollDiscard(db: req.db, gate: req.application.writeGate, user: user).discard(
            rollID: roll.id!, reason: form.reason ?? "")
        req.setFlash("\(Figures.period(discarded.period))的草稿花名册已作废，该期可重新生成")
        return req.redirect(to: RollRoutes.list.path())
    }

    @Sendable func show(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.read)
        let roll = try await PaymentAccess.roll(req)
        let rollID = roll.id!
        let scope = req.scope.townshipCode
        let regions = try await req.regionDirectory()
        let params = req.queryParameters
        let tab = try params.text("tab") == "excluded" ? "excluded" : "lines"
        let paging = Paging(page: try params.page(), perPage: 100)
        var lines: [RollDetailModel.Line] = []
        var excluded: [RollDetailModel.Excluded] = []
        let total: Int
        if tab == "lines" {
            let result = try await RollLines.page(rollID: rollID, townshipCode: scope, paging: paging, on: req.db)
            lines = result.lines.map { Self.line($0, regions: regions) }
            total = result.total
        } else {
            let result = try await RollLines.exclusions(rollID: rollID, townshipCode: scope, paging: paging, on: req.db)
            excluded = result.rows.map {
                .init(
                    township: regions.name($0.township_code), village: regions.name($0.village_code), name: $0.name,
                    idNumber: $0.id_number, reason: $0.reasonText)
            }
            total = result.total
        }
        let totals = try await RollLines.totals(rollID: rollID, townshipCode: scope, on: req.db)
        var totalRows: [RollDetailModel.TotalRow] = []
        var printLinks: [RollDetailModel.PrintLink] = []
        for (township, villages) in Dictionary(grouping: totals, by: \.township_code).sorted(by: { $0.key < $1.key }) {
            for v in villages {
                totalRows.append(
                    .init(
                        township: regions.name(township), village: regions.name(v.village_code),
                        villageCode: v.village_code,
                        people: v.people, amount: Figures.yuan(v.fen), isTownshipTotal: false))
            }
            totalRows.append(
                .init(
                    township: regions.name(township), village: "小计", villageCode: "",
                    people: villages.reduce(0) { $0 + $1.people },
                    amount: Figures.yuan(villages.reduce(0) { $0 + $1.fen }), isTownshipTotal: true))
            printLinks.append(
                .init(
                    township: regions.name(township), signatureURL: RollRoutes.print(rollID, township: township),
                    noticeURL: RollRoutes.print(rollID, township: township, notice: true)))
        }
        if !totals.isEmpty {
            totalRows.append(
                .init(
                    township: scope.map { regions.name($0) } ?? "全县", village: "合计", villageCode: "",
                    people: totals.reduce(0) { $0 + $1.people }, amount: Figures.yuan(totals.reduce(0) { $0 + $1.fen }),
                    isTownshipTotal: true, isGrandTotal: true))
        }
        let role = user.roleValue
        let canSeeResults = PaymentAccess.reconcile.contains(role)
        // A voided result has left the roll: it is reached from the archive, not from here.
        let results =
            canSeeResults
            ? try await BankResult.query(on: req.db).filter(\.$rollID == rollID).filter(\.$voidedAt == nil)
                .sort(\.$importedAt).all() : []
        let figures = try await RollFigures.of(roll, townshipCode: scope, on: req.db)
        let live = !roll.isDiscarded
        var facts: [(String, String)] = [
            ("发放期", Figures.period(roll.period)),
            (
                "发放标准",
                "每人每期\(Figures.yuan(roll.amountPerPeriodFen))元（年标准\(Figures.yuan(roll.yearlyRateFen))元，政策自\(roll.policyEffectiveFrom)起执行）"
            ),
        ]
        if let scope { facts.append(("统计范围", regions.name(scope))) }
        facts += [
            ("发放人数", Figures.count(figures.lines)), ("发放金额", Figures.yuanWithWan(figures.fen)),
            ("不予发放人数", Figures.count(figures.excluded)),
            ("生成人", "\(roll.generatedBy)（第\(roll.generation)次生成）"), ("审批人", roll.approvedBy ?? ""),
        ]
        if roll.isDiscarded {
            facts += [
                ("作废人", "\(roll.discardedBy ?? "")（\(roll.discardedAt.map(Figures.minute) ?? "")）"),
                ("作废原因", roll.discardReason ?? ""),
            ]
        }
        let model = RollDetailModel(
            id: rollID.uuidString, period: roll.period, periodChinese: roll.periodValue?.chinese ?? roll.period,
            status: roll.statusValue.chinese, locked: roll.isLocked,
            facts: facts,
            totals: totalRows,
            exclusionCounts: try await RollLines.exclusionCounts(rollID: rollID, townshipCode: scope, on: req.db).map {
                (IneligibilityReason(rawValue: $0.0)?.chinese ?? $0.0, $0.1)
            },
            tab: tab, lines: lines, excluded: excluded, page: paging.page, pageCount: paging.pageCount(total: total),
            total: total,
            results: results.map {
                .init(
                    id: $0.id!.uuidString, fileName: $0.fileName, rows: $0.rowCount, failed: $0.failedCount,
                    differences: $0.differenceCount,
                    importedBy: $0.importedBy,
                    importedAt: Figures.moment($0.importedAt))
            },
            canGenerate: live && !roll.isLocked && PaymentAccess.operate.contains(role),
            canApprove: live && !roll.isLocked && PaymentAccess.approve.contains(role)
                && roll.generatedBy != user.username,
            canExport: roll.isLocked && PaymentAccess.export.contains(role),
            canImport: roll.isLocked && PaymentAccess.operate.contains(role),
            canSeeResults: canSeeResults,
            canDiscard: live && !roll.isLocked && PaymentAccess.operate.contains(role),
            discarded: roll.isDiscarded,
            payeeDrop: try await PayeeDrop.check(roll, townshipCode: scope, on: req.db)?.message,
            printLinks: printLinks)
        return htmlResponse(PaymentsView.roll(try await req.pageContext(), model))
    }

    static func line(_ l: PaymentRollLine, regions: RegionDirectory) -> RollDetailModel.Line {
        .init(
            seq: l.seq, township: regions.name(l.township_code), village: regions.name(l.village_code), name: l.name,
            idNumber: l.id_number, card: l.card_number, bank: l.bank_name ?? "", amount: Figures.yuan(l.amount_fen),
            kind: l.kindValue.chinese, forPeriod: l.for_period)
    }

    /// The printed roll: of the reader's township (a township clerk), or of the township or
    /// village asked for, or of the whole county; `notice=1` is the public version.
    @Sendable func print(req: Request) async throws -> Response {
        try req.requireUser(in: PaymentAccess.read)
        let roll = try await PaymentAccess.roll(req)
        let rollID = try roll.requireID()
        let params = req.queryParameters
        let villageText = try params.text("village")
        let townshipText = try params.text("township")
        let notice = try params.text("notice") == "1"
        let scope = req.scope.townshipCode
        if let scope, !townshipText.isEmpty, townshipText != scope { throw ResettleError.notFound }
        if let scope, !villageText.isEmpty, !villageText.hasPrefix(scope) { throw ResettleError.notFound }
        let township = scope ?? (townshipText.isEmpty ? nil : townshipText)
        let village = villageText.isEmpty ? nil : villageText
        let regions = try await req.regionDirectory()
        let lines = try await RollLines.all(rollID: rollID, townshipCode: township, villageCode: village, on: req.db)
        let placements = try await RollPrint.placements(of: lines.map(\.person_id), on: req.db)
        let present = Set(
            try await RollLines.totals(rollID: rollID, townshipCode: scope, on: req.db).map(\.township_code))
        let townships = present.sorted().map { code in
            RollPrintModel.TownshipLink(
                name: regions.name(code), signatureURL: RollRoutes.print(rollID, township: code),
                noticeURL: RollRoutes.print(rollID, township: code, notice: true),
                selected: village == nil && code == township)
        }
        let scopeName =
            village.map { "\(regions.name(regions.byCode[$0]?.parentCode)) \(regions.name($0))" } ?? township.map {
                regions.name($0)
            } ?? "全县"
        var model = RollPrint.model(
            roll: roll, lines: lines, placements: placements, regions: regions, notice: notice, scopeName: scopeName,
            townships: townships)
        model.otherVersionURL = RollRoutes.print(
            rollID, township: townshipText, village: villageText, notice: !notice)
        return htmlResponse(PaymentsPrintView.render(model))
    }

    @Sendable func exportXLSX(req: Request) async throws -> Response {
        try await export(req, format: .xlsx)
    }

    @Sendable func exportCSV(req: Request) async throws -> Response {
        try await export(req, format: try req.queryParameters.text("encoding") == "gbk" ? .csvGBK : .csv)
    }

    private func export(_ req: Request, format: OneCardExport.Format) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.export)
        let roll = try await PaymentAccess.roll(req)
        let file = try await OneCardExport(db: req.db, gate: req.application.writeGate, actor: user.username).export(
            roll: roll, format: format)
        let response = download(file.data, name: file.name, type: format.contentType)
        response.headers.replaceOrAdd(name: "X-Content-SHA256", value: file.sha256)
        return response
    }

    @Sendable func policies(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.read)
        let versions = try await PolicyStore.versions(on: req.db)
        let model = PolicyListModel(
            rows: versions.map { v in
                .init(
                    effectiveFrom: v.effectiveFrom, yearly: Figures.yuan(v.yearlyRateFen),
                    perPeriod: Figures.yuan(v.yearlyRateFen / Int64(max(v.periodsPerYear, 1))),
                    periodsPerYear: v.periodsPerYear,
                    existingYears: v.existingSupportYears, relocatedYears: v.relocatedSupportYears, memo: v.memo,
                    document: v.document,
                    createdBy: v.createdBy)
            },
            canAdd: user.roleValue == .admin)
        return htmlResponse(PaymentsView.policies(try await req.pageContext(), model))
    }

    struct PolicyForm: Content {
        var effective_from: String
        var yearly_rate: String
        var periods_per_year: String
        var existing_years: String
        var relocated_years: String
        var memo: String
        var document: String
    }

    @Sendable func addPolicy(req: Request) async throws -> Response {
        let user = try req.requireUser(in: [.admin])
        let f = try req.content.decode(PolicyForm.self)
        guard let from = CivilDate(parsing: f.effective_from) else { throw ResettleError.invalidInput("生效日期无效") }
        let rate: Int64
        do { rate = try Money.parseYuan(f.yearly_rate) } catch {
            throw ResettleError.invalidInput("年补助标准：" + error.message)
        }
        guard let periods = Int(f.periods_per_year), let existing = Int(f.existing_years),
            let relocated = Int(f.relocated_years)
        else {
            throw ResettleError.invalidInput("每年期数和扶持年限须为整数")
        }
        _ = try await PolicyStore.add(
            .init(
                effectiveFrom: from, yearlyRateFen: rate, periodsPerYear: periods, existingSupportYears: existing,
                relocatedSupportYears: relocated, memo: f.memo, document: f.document),
            actor: user.username, gate: req.application.writeGate, on: req.db)
        req.setFlash("已新增自\(from.chinese)起执行的政策版本")
        return req.redirect(to: PolicyRoutes.list.path())
    }
}
