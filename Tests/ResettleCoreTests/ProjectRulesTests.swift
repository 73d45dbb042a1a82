import ResettleCore
import Testing

@Suite("Project routing, workflow, disbursement and sampling")
struct ProjectRulesTests {
    static let table = RoutingTable.standard()
    static let township = table.route(for: 0)
    static let county = table.route(for: 10_000_000)

    // MARK: routing

    @Test("99,999.99元 goes through the township; 100,000.00 and 100,000.01元 need the county's review")
    func routingAtTheThreshold() throws {
        // given the county's rule (the 10万 line)
        // when routing the three amounts around it
        let below = Self.table.route(for: try Money.parseYuan("99999.99"))
        let exactly = Self.table.route(for: try Money.parseYuan("100000.00"))
        let above = Self.table.route(for: try Money.parseYuan("100000.01"))
        // then exactly 100,000元 is in the county's band
        #expect(below.review == .none && below.payer == .townshipFinanceOffice)
        #expect(exactly.review == .countySpotCheck && exactly.payer == .county)
        #expect(above.review == .countySpotCheck && above.payer == .county)
    }

    @Test("A routing table with a gap, an overlap or a closed last row is refused")
    func routingTableMustCoverEveryAmount() {
        let low = PaymentRoute(
            fromFen: 0, belowFen: 100, review: .none, acceptedBy: "乡镇", payer: .townshipFinanceOffice)
        #expect(throws: RoutingTableError.notContiguous(atFen: 100)) {
            try RoutingTable([
                low,
                PaymentRoute(fromFen: 200, belowFen: nil, review: .countySpotCheck, acceptedBy: "乡镇", payer: .county),
            ])
        }
        #expect(throws: RoutingTableError.notContiguous(atFen: 100)) { try RoutingTable([low]) }
        #expect(throws: RoutingTableError.empty) { try RoutingTable([]) }
    }

    @Test("Tendering from 4,000,000元 and a retention above 3% are warned of")
    func warnings() {
        let w = ProjectWarnings()
        #expect(w.messages(investmentFen: 399_999_999, settledFen: nil, retentionFen: 0).isEmpty)
        #expect(w.messages(investmentFen: 400_000_000, settledFen: nil, retentionFen: 0).count == 1)
        // 3% of 1,000,000.00元 is 30,000.00元: exactly 3% passes, one fen more is flagged
        #expect(w.messages(investmentFen: 0, settledFen: 100_000_000, retentionFen: 3_000_000).isEmpty)
        #expect(w.messages(investmentFen: 0, settledFen: 100_000_000, retentionFen: 3_000_001).count == 1)
    }

    // MARK: workflow

    @Test("The steps go in order from the meeting to the handover")
    func stepsInOrder() throws {
        var stage = ProjectStage.proposed
        for step in [ProjectStepKind.submission, .preReview, .approval, .start, .progress, .acceptance, .spotCheck] {
            stage = try ProjectWorkflow.stage(after: step, from: stage, route: Self.county)
        }
        #expect(stage == .checked)
        stage = try ProjectWorkflow.stage(after: .handover, from: stage, route: Self.county, fullyPaid: true)
        #expect(stage == .closed)
    }

    @Test("A step out of order is refused with the stage it was tried at")
    func outOfOrder() {
        #expect(throws: ProjectWorkflowError.outOfOrder(step: .start, stage: .submitted)) {
            try ProjectWorkflow.stage(after: .start, from: .submitted, route: Self.township)
        }
        #expect(throws: ProjectWorkflowError.outOfOrder(step: .handover, stage: .accepted)) {
            try ProjectWorkflow.stage(after: .handover, from: .accepted, route: Self.county, fullyPaid: true)
        }
        #expect(throws: ProjectWorkflowError.reviewNotNeeded) {
            try ProjectWorkflow.stage(after: .spotCheck, from: .accepted, route: Self.township)
        }
        #expect(throws: ProjectWorkflowError.paymentsOutstanding) {
            try ProjectWorkflow.stage(after: .handover, from: .accepted, route: Self.township, fullyPaid: false)
        }
    }

    @Test("A failed pre-review returns the project; a failed spot-check leaves it accepted")
    func failedReviews() throws {
        #expect(
            try ProjectWorkflow.stage(after: .preReview, from: .submitted, route: Self.county, passed: false)
                == .returned)
        #expect(
            try ProjectWorkflow.stage(after: .spotCheck, from: .accepted, route: Self.county, passed: false)
                == .accepted)
    }

    @Test("The notice runs at least five days, both ends counted")
    func notice() throws {
        let start = try #require(CivilDate(parsing: "2022-03-01"))
        try ProjectWorkflow.checkNotice(start: start, end: start.adding(days: 4), minimumDays: 5)
        #expect(throws: ProjectWorkflowError.noticeTooShort(days: 4, minimum: 5)) {
            try ProjectWorkflow.checkNotice(start: start, end: start.adding(days: 3), minimumDays: 5)
        }
    }

    @Test("Progress moves forward within 0…100")
    func progress() throws {
        try ProjectWorkflow.checkProgress(from: 30, to: 30)
        #expect(throws: ProjectWorkflowError.progressBackwards(from: 60, to: 50)) {
            try ProjectWorkflow.checkProgress(from: 60, to: 50)
        }
        #expect(throws: ProjectWorkflowError.progressOutOfRange(101)) {
            try ProjectWorkflow.checkProgress(from: 0, to: 101)
        }
    }

    // MARK: disbursement

    static func rule(
        _ stage: ProjectStage, route: PaymentRoute = county, settled: Int64? = nil, retention: Int64 = 0,
        paid: [DisbursementKind: Int64] = [:], findings: Int = 0
    ) -> DisbursementRule {
        DisbursementRule(
            stage: stage, route: route, approvedFen: 20_000_000, settledFen: settled, retentionFen: retention,
            paid: paid,
            openFindings: findings)
    }

    @Test("Nothing is paid beyond the approved amount, to the fen")
    func beyondApproved() throws {
        try Self.rule(.implementing, paid: [.advance: 19_999_999]).check(.progress, amountFen: 1)
        #expect(throws: DisbursementError.beyondApproved(approvedFen: 20_000_000, paidFen: 19_999_999, askedFen: 2)) {
            try Self.rule(.implementing, paid: [.advance: 19_999_999]).check(.progress, amountFen: 2)
        }
    }

    @Test("The final payment waits for acceptance and, on the county's route, for its review")
    func finalPaymentOrder() throws {
        #expect(throws: DisbursementError.beforeAcceptance) {
            try Self.rule(.implementing).check(.final, amountFen: 100)
        }
        #expect(throws: DisbursementError.beforeReview) { try Self.rule(.accepted).check(.final, amountFen: 100) }
        try Self.rule(.accepted, route: Self.township).check(.final, amountFen: 100)
        try Self.rule(.checked).check(.final, amountFen: 100)
        #expect(throws: DisbursementError.notStarted(.planned)) {
            try Self.rule(.planned).check(.advance, amountFen: 100)
        }
    }

    @Test("An open finding blocks every payment")
    func findingsBlock() {
        #expect(throws: DisbursementError.openFindings(1)) {
            try Self.rule(.checked, findings: 1).check(.final, amountFen: 100)
        }
    }

    @Test("The retention is held until the final payment and released no more than once")
    func retention() throws {
        let settled = Self.rule(.checked, settled: 19_000_000, retention: 570_000, paid: [.advance: 10_000_000])
        // the settled price caps the payments; the retention is kept back from the final payment
        #expect(
            throws: DisbursementError.intoRetention(payableFen: 8_430_000, retentionFen: 570_000, askedFen: 9_000_000)
        ) {
            try settled.check(.final, amountFen: 9_000_000)
        }
        try settled.check(.final, amountFen: 8_430_000)
        #expect(throws: DisbursementError.retentionBeforeFinal) { try settled.check(.retention, amountFen: 570_000) }
        let finalPaid = Self.rule(
            .closed, settled: 19_000_000, retention: 570_000, paid: [.advance: 10_000_000, .final: 8_430_000])
        #expect(finalPaid.isPaidUpToRetention)
        try finalPaid.check(.retention, amountFen: 570_000)
        #expect(throws: DisbursementError.beyondRetention(retentionFen: 570_000, releasedFen: 0, askedFen: 570_001)) {
            try finalPaid.check(.retention, amountFen: 570_001)
        }
    }

    // MARK: arrangement and sampling

    @Test("A batch is never arranged beyond what it holds")
    func overArrangement() throws {
        try FundArrangementRule.check(batchFen: 1_000, arrangedFen: 400, askedFen: 600)
        #expect(throws: ArrangementError.beyondBatch(batchFen: 1_000, arrangedFen: 400, askedFen: 601)) {
            try FundArrangementRule.check(batchFen: 1_000, arrangedFen: 400, askedFen: 601)
        }
        #expect(throws: ArrangementError.notPositive) {
            try FundArrangementRule.check(batchFen: 1, arrangedFen: 0, askedFen: 0)
        }
    }

    @Test("Payments are counted against arrangements in order")
    func paidByArrangement() {
        #expect(FundArrangementRule.paidByArrangement(arrangedFen: [500, 300, 200], paidFen: 650) == [500, 150, 0])
        #expect(FundArrangementRule.paidByArrangement(arrangedFen: [500], paidFen: 0) == [0])
    }

    @Test("The same candidates, rate and seed draw the same sample, whatever their order")
    func sampleReproducible() {
        let codes = (1...40).map { "2022-\($0)" }
        let first = SpotCheckSample.draw(codes, ratePercent: 20, seed: 20_221_101)
        let again = SpotCheckSample.draw(codes.reversed(), ratePercent: 20, seed: 20_221_101)
        let other = SpotCheckSample.draw(codes, ratePercent: 20, seed: 7)
        #expect(first == again)
        #expect(first.count == 8)
        #expect(Set(first).isSubset(of: Set(codes)))
        #expect(first != other)
        #expect(SpotCheckSample.size(of: 3, ratePercent: 10) == 1)
        #expect(SpotCheckSample.size(of: 0, ratePercent: 10) == 0)
    }
}
