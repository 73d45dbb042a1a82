import Fluent
import Vapor

/// The quarterly subsidy: policies, rolls, the one-card file, bank results, re-issues and
/// recoveries, and the three-way match with the province's list.
struct PaymentsCapability: Capability {
    var migrations: [any Migration] {
        [
            CreatePaymentPolicies(), CreatePaymentRolls(), CreatePaymentRollLines(), CreatePaymentExclusions(),
            CreateBankResults(), CreateBankResultLines(), CreateReconciliationDifferences(), CreateReissueCases(),
            CreateRecoveryCases(), CreateProvincialLists(), ReissueCaseClaims(), BankResultContentDigest(),
            AddPaymentRollLinesDigest(), PaymentRollDiscards(), BankResultVoids(),
        ]
    }

    func routes(_ routes: CapabilityRoutes) throws {
        let payments = routes.pages.grouped(RequireRoleMiddleware(allowed: PaymentAccess.read))
        try payments.register(collection: PaymentsController())
        try payments.register(collection: BankResultsController())
        try payments.register(collection: PaymentCasesController())
        try payments.register(collection: ThreeWayController())
        try routes.api.register(collection: PaymentsAPIController())
    }

    var routePaths: [RoutePath] {
        RollRoutes.all + PolicyRoutes.all + BankResultRoutes.all + PaymentCaseRoutes.all + ThreeWayRoutes.all
            + PaymentsAPIRoutes.all
    }

    /// Everyone who reads payments has the entry; township staff see their township's lines
    /// and totals behind it.
    var menu: [MenuEntry] {
        [MenuEntry("发放管理", path: RollRoutes.list.path(), roles: PaymentAccess.read)]
    }

    var commands: [(name: String, command: any AsyncCommand)] {
        [("reconcile", ReconcileCommand()), ("payment", PaymentCommand())]
    }
}
