import Fluent
import ResettleCore
import Vapor

/// `/api/v1/rolls` and `/api/v1/results`: payment rolls and reconciliation counts as JSON, with
/// the same roles and township scoping as the pages (a township sees its own lines' totals and
/// no bank results).
struct PaymentsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(PaymentsAPIRoutes.rolls, use: rolls)
        routes.on(PaymentsAPIRoutes.generate, use: generate)
        routes.on(PaymentsAPIRoutes.roll, use: roll)
        routes.on(PaymentsAPIRoutes.approve, use: approve)
        routes.on(PaymentsAPIRoutes.results, use: results)
        routes.on(PaymentsAPIRoutes.reconciliation, use: reconciliation)
    }

    @Sendable func rolls(req: Request) async throws -> ItemsDTO<RollDTO> {
        try req.requireUser(in: PaymentAccess.read)
        let rolls = try await PaymentRoll.query(on: req.db).sort(\.$period, .descending).all()
        let figures = try await RollFigures.of(rolls, townshipCode: req.scope.townshipCode, on: req.db)
        return ItemsDTO(items: rolls.map { RollDTO($0, figures: figures[$0.id!] ?? RollFigures(county: $0)) })
    }

    struct GenerateDTO: Content {
        var period: String
    }

    @Sendable func generate(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PaymentAccess.operate)
        let body = try req.decodeJSONBody(GenerateDTO.self)
        guard let period = PaymentPeriod(label: body.period) else {
            throw ResettleError.invalidBody("period 格式应如 2022Q3")
        }
        let outcome = try await RollGenerator(db: req.db, gate: req.application.writeGate, actor: user.username)
            .generate(period: period)
        return try await RollDTO(outcome.roll).encodeResponse(status: .created, for: req)
    }

    @Sendable func roll(req: Request) async throws -> RollDetailDTO {
        try req.requireUser(in: PaymentAccess.read)
        let roll = try await PaymentAccess.roll(req)
        let totals = try await RollLines.totals(rollID: roll.id!, townshipCode: req.scope.townshipCode, on: req.db)
        let exclusions = try await RollLines.exclusionCounts(
            rollID: roll.id!, townshipCode: req.scope.townshipCode, on: req.db)
        return RollDetailDTO(
            roll: RollDTO(
                roll, figures: try await RollFigures.of(roll, townshipCode: req.scope.townshipCode, on: req.db)),
            totals: totals.map {
                .init(
                    township_code: $0.township_code, village_code: $0.village_code, people: $0.people,
                    amount_fen: $0.fen)
            },
            exclusions: Dictionary(exclusions, uniquingKeysWith: +))
    }

    @Sendable func approve(req: Request) async throws -> RollDTO {
        let user = try req.requireUser(in: PaymentAccess.approve)
        let roll = try await PaymentAccess.roll(req)
        return RollDTO(
            try await RollApproval(db: req.db, gate: req.application.writeGate, user: user).approve(rollID: roll.id!))
    }

    @Sendable func results(req: Request) async throws -> ItemsDTO<ReconciliationDTO> {
        try req.requireUser(in: PaymentAccess.reconcile)
        let roll = try await PaymentAccess.roll(req)
        return ItemsDTO(
            // Voided results no longer count for the roll (`BankResultVoiding`).
            items: try await BankResult.query(on: req.db).filter(\.$rollID == roll.id!).filter(\.$voidedAt == nil)
                .sort(\.$importedAt).all()
                .map(ReconciliationDTO.init))
    }

    @Sendable func reconciliation(req: Request) async throws -> ReconciliationDTO {
        try req.requireUser(in: PaymentAccess.reconcile)
        return ReconciliationDTO(try await PaymentAccess.result(req))
    }
}

/// A list answered as an object, so it can grow fields (paging) without breaking clients.
struct ItemsDTO<Item: Content>: Content {
    var items: [Item]
}

struct RollDTO: Content {
    var id: UUID
    var period: String
    var status: String
    var amount_per_period_fen: Int64
    var policy_effective_from: String
    /// Payees, money and people excluded: the county's, or for a township user the township's.
    var line_count: Int
    var total_fen: Int64
    var excluded_count: Int
    /// The township the three figures above are for; null when they are the whole county's.
    var township_code: String?
    var generated_by: String
    var approved_by: String?

    /// The county's figures, for the roles that see the whole roll (generating, approving).
    init(_ r: PaymentRoll) {
        self.init(r, figures: RollFigures(county: r))
    }

    init(_ r: PaymentRoll, figures: RollFigures) {
        id = r.id!
        period = r.period
        status = r.status
        amount_per_period_fen = r.amountPerPeriodFen
        policy_effective_from = r.policyEffectiveFrom
        line_count = figures.lines
        total_fen = figures.fen
        excluded_count = figures.excluded
        township_code = figures.townshipCode
        generated_by = r.generatedBy
        approved_by = r.approvedBy
    }
}

struct RollDetailDTO: Content {
    struct Total: Content {
        var township_code: String
        var village_code: String
        var people: Int
        var amount_fen: Int64
    }

    var roll: RollDTO
    var totals: [Total]
    /// `IneligibilityReason` raw value → people.
    var exclusions: [String: Int]
}

struct ReconciliationDTO: Content {
    var id: UUID
    var roll_id: UUID
    var file_name: String
    var sha256: String
    var row_count: Int
    var failed_count: Int
    var paid_fen: Int64
    var difference_count: Int
    var exact_match: Bool
    /// Every kind of difference (`duplicate_in_roll`, …, `payment_failed`) → count.
    var counts: [String: Int]

    init(_ r: BankResult) {
        id = r.id!
        roll_id = r.rollID
        file_name = r.fileName
        sha256 = r.sha256
        row_count = r.rowCount
        failed_count = r.failedCount
        paid_fen = r.paidFen
        difference_count = r.differenceCount
        exact_match = r.differenceCount == 0
        counts = r.counts
    }
}
