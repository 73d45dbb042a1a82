import ResettleCore
import Testing

@Suite("Eligibility")
struct EligibilityTests {
    static let id = ResidentID.make(address: "430521", birth: CivilDate(year: 1950, month: 3, day: 15)!, sequence: 1)

    static func person(
        _ type: ResettlementType = .existing, move: String? = nil, changes: [ApprovedChange],
        account: Bool = true, death: String? = nil
    ) throws -> PersonFacts {
        try PersonFacts(
            residentID: id, resettlementType: type, moveCompleted: move.map(date),
            timeline: StatusTimeline(approvedChanges: changes), hasPaymentAccount: account, deathDate: death.map(date))
    }

    /// On the register since 2006.
    static let registered = ApprovedChange(kind: .addition, approvedOn: date("2006-05-10"))

    func decide(_ person: PersonFacts, _ label: String, schedule: PolicySchedule = .standard) throws
        -> EligibilityDecision
    {
        try Eligibility.evaluate(person, for: PaymentPeriod(label: label)!, schedule: schedule)
    }

    @Test("an active 现状 person with an account is paid 150元")
    func paid() throws {
        let p = try Self.person(changes: [Self.registered])
        #expect(try decide(p, "2022Q3") == .eligible(amountFen: 15_000))
        #expect(try decide(p, "2022Q3").isEligible)
        #expect(try decide(p, "2022Q3").amountFen == 15_000)
    }

    @Test(
        "an addition pays from the period after its approval",
        arguments: [
            ("2022Q3", EligibilityDecision.ineligible(.notApproved)), ("2022Q4", .eligible(amountFen: 15_000)),
        ])
    func addition(label: String, decision: EligibilityDecision) throws {
        // given a person added on 10 August 2022
        let p = try Self.person(changes: [ApprovedChange(kind: .addition, approvedOn: date("2022-08-10"))])
        // then 2022Q3 is not paid (not yet approved for it) and 2022Q4 is
        #expect(try decide(p, label) == decision)
    }

    @Test("a person with no approved change is not approved")
    func pending() throws {
        #expect(try decide(try Self.person(changes: []), "2022Q3") == .ineligible(.notApproved))
    }

    @Test(
        "a reduction approved mid-quarter leaves that quarter paid and stops the next",
        arguments: [
            ("2022Q2", true), ("2022Q3", true), ("2022Q4", false), ("2023Q1", false),
        ])
    func reductionMidQuarter(label: String, paid: Bool) throws {
        // given a reduction (农转非) approved on 15 August 2022
        let p = try Self.person(changes: [
            Self.registered, ApprovedChange(kind: .reduction, reason: .nonAgricultural, approvedOn: date("2022-08-15")),
        ])
        // then it takes effect from 2022Q4
        #expect(try decide(p, label) == (paid ? .eligible(amountFen: 15_000) : .ineligible(.reduced)))
    }

    @Test(
        "a reduction approved on the last day of a quarter stops the next quarter",
        arguments: [
            ("2022-09-30", "2022Q3", true), ("2022-09-30", "2022Q4", false), ("2022-10-01", "2022Q4", true),
            ("2022-10-01", "2023Q1", false),
        ])
    func reductionAtQuarterEdge(approved: String, label: String, paid: Bool) throws {
        let p = try Self.person(changes: [
            Self.registered, ApprovedChange(kind: .reduction, reason: .death, approvedOn: date(approved)),
        ])
        #expect(try decide(p, label).isEligible == paid)
    }

    @Test(
        "restoration after prison pays again from the next period, with no back-pay",
        arguments: [
            ("2021Q1", EligibilityDecision.eligible(amountFen: 15_000)),
            ("2021Q2", .ineligible(.suspended)), ("2021Q4", .ineligible(.suspended)),
            ("2022Q2", .ineligible(.suspended)),
            ("2022Q3", .eligible(amountFen: 15_000)), ("2023Q1", .eligible(amountFen: 15_000)),
        ])
    func restorationAfterPrison(label: String, decision: EligibilityDecision) throws {
        // given a sentence approved on 1 February 2021 and a restoration on 10 May 2022
        let p = try Self.person(changes: [
            Self.registered,
            ApprovedChange(kind: .reduction, reason: .imprisonment, approvedOn: date("2021-02-01")),
            ApprovedChange(kind: .restoration, approvedOn: date("2022-05-10")),
        ])
        // then the time served is not paid, before or after the restoration
        #expect(try decide(p, label) == decision)
    }

    @Test(
        "现状 support ends after 2026Q2",
        arguments: [
            ("2026Q1", true), ("2026Q2", true), ("2026Q3", false), ("2026Q4", false), ("2006Q3", true),
            ("2006Q2", false),
        ])
    func existingWindowEdge(label: String, paid: Bool) throws {
        // given a schedule whose settings are in force from 2000, so 2006Q2 has a policy too
        let schedule = try PolicySchedule([try PaymentPolicy(effectiveFrom: date("2000-01-01"))])
        let p = try Self.person(changes: [ApprovedChange(kind: .addition, approvedOn: date("2006-01-10"))])
        // then the window, not the policy, decides
        #expect(
            try decide(p, label, schedule: schedule)
                == (paid ? .eligible(amountFen: 15_000) : .ineligible(.outsideWindow)))
    }

    @Test("an extension after 2026 pays 2026Q3 without changing earlier periods")
    func extension2026() throws {
        // given a policy version from 2026-07-01 extending 现状 support to 25 years
        let extended = try PaymentPolicy(effectiveFrom: date("2026-07-01"), existingSupportYears: 25)
        let schedule = try PolicySchedule([.standard, extended])
        let p = try Self.person(changes: [Self.registered])
        // then 2026Q3 is paid under the extension and 2026Q2 as before
        #expect(try decide(p, "2026Q3", schedule: schedule) == .eligible(amountFen: 15_000))
        #expect(try decide(p, "2026Q2", schedule: schedule) == .eligible(amountFen: 15_000))
        #expect(try decide(p, "2031Q3", schedule: schedule) == .ineligible(.outsideWindow))
    }

    @Test(
        "a 原迁 move completed mid-month is first paid for the first whole quarter",
        arguments: [
            ("2010Q2", false), ("2010Q3", true), ("2030Q2", true), ("2030Q3", false),
        ])
    func relocatedMidMonth(label: String, paid: Bool) throws {
        // given a move completed on 15 May 2010 (support from 1 June 2010)
        let p = try Self.person(
            .relocated, move: "2010-05-15", changes: [ApprovedChange(kind: .addition, approvedOn: date("2010-02-01"))])
        #expect(try decide(p, label) == (paid ? .eligible(amountFen: 15_000) : .ineligible(.outsideWindow)))
    }

    @Test(
        "a 原迁 move completed on the 1st still starts with the next month",
        arguments: [
            ("2010Q3", false), ("2010Q4", true), ("2030Q3", true), ("2030Q4", false),
        ])
    func relocatedFirstOfMonth(label: String, paid: Bool) throws {
        // given a move completed on 1 July 2010 (support from 1 August 2010 to 31 July 2030)
        let p = try Self.person(
            .relocated, move: "2010-07-01", changes: [ApprovedChange(kind: .addition, approvedOn: date("2010-02-01"))])
        #expect(try decide(p, label).isEligible == paid)
    }

    @Test("a 原迁 person needs a move date")
    func relocatedNeedsMoveDate() {
        #expect(throws: EligibilityError.missingMoveDate(Self.id)) {
            try PersonFacts(
                residentID: Self.id, resettlementType: .relocated, timeline: StatusTimeline([]), hasPaymentAccount: true
            )
        }
        #expect(EligibilityError.missingMoveDate(Self.id).message.contains("搬迁完成日期"))
    }

    @Test("no account, no payment")
    func noAccount() throws {
        let p = try Self.person(changes: [Self.registered], account: false)
        #expect(try decide(p, "2022Q3") == .ineligible(.noAccount))
        #expect(try decide(p, "2022Q3").amountFen == 0)
    }

    @Test(
        "death stops payment from the period after the death, approved or not",
        arguments: [
            ("2022Q3", EligibilityDecision.eligible(amountFen: 15_000)), ("2022Q4", .ineligible(.deceased)),
            ("2025Q1", .ineligible(.deceased)),
        ])
    func death(label: String, decision: EligibilityDecision) throws {
        // given a person who died on 10 August 2022, whose reduction is not approved yet
        let p = try Self.person(changes: [Self.registered], death: "2022-08-10")
        #expect(try decide(p, label) == decision)
    }

    @Test("when several reasons apply, the most final one is given")
    func precedence() throws {
        let reduced = ApprovedChange(kind: .reduction, reason: .death, approvedOn: date("2022-01-05"))
        // dead and reduced → deceased
        #expect(
            try decide(try Self.person(changes: [Self.registered, reduced], death: "2021-12-30"), "2022Q3")
                == .ineligible(.deceased))
        // reduced and no account → reduced
        #expect(
            try decide(try Self.person(changes: [Self.registered, reduced], account: false), "2022Q3")
                == .ineligible(.reduced))
        // outside the window and no account → outside the window
        #expect(
            try decide(try Self.person(changes: [Self.registered], account: false), "2026Q3")
                == .ineligible(.outsideWindow))
        // pending and outside the window → not approved
        #expect(try decide(try Self.person(changes: []), "2026Q3") == .ineligible(.notApproved))
    }

    @Test("every reason has its own Chinese label", arguments: IneligibilityReason.allCases)
    func labels(reason: IneligibilityReason) {
        #expect(!reason.chinese.isEmpty)
        #expect(IneligibilityReason.allCases.filter { $0.chinese == reason.chinese }.count == 1)
    }

    @Test("a period no policy covers is an error, not a silent decision")
    func noPolicy() throws {
        let p = try Self.person(changes: [Self.registered])
        #expect(throws: PaymentPolicyError.noPolicyInForce(quarter(2006, 1))) { try decide(p, "2006Q1") }
    }
}

@Suite("StatusTimeline")
struct StatusTimelineTests {
    @Test("approved changes become spans from their effective periods")
    func fromChanges() {
        // given an addition, a sentence, a correction and a restoration, in scrambled order
        let timeline = StatusTimeline(approvedChanges: [
            ApprovedChange(kind: .restoration, approvedOn: date("2022-05-10")),
            ApprovedChange(kind: .addition, approvedOn: date("2019-11-30")),
            ApprovedChange(kind: .correction, approvedOn: date("2020-03-01")),
            ApprovedChange(kind: .reduction, reason: .imprisonment, approvedOn: date("2021-02-01")),
        ])
        // then the spans follow the approval dates, corrections add none
        #expect(
            timeline.spans == [
                StatusSpan(status: .active, fromPeriod: quarter(2020, 1)),
                StatusSpan(status: .suspended, fromPeriod: quarter(2021, 2)),
                StatusSpan(status: .active, fromPeriod: quarter(2022, 3)),
            ])
        #expect(timeline.status(in: quarter(2019, 4)) == .pending)
        #expect(timeline.status(in: quarter(2020, 1)) == .active)
        #expect(timeline.status(in: quarter(2021, 1)) == .active)
        #expect(timeline.status(in: quarter(2021, 2)) == .suspended)
        #expect(timeline.status(in: quarter(2022, 3)) == .active)
    }

    @Test("two changes taking effect in the same period: the later approval wins")
    func sameEffectivePeriod() {
        let timeline = StatusTimeline(approvedChanges: [
            ApprovedChange(kind: .addition, approvedOn: date("2019-01-10")),
            ApprovedChange(kind: .reduction, reason: .imprisonment, approvedOn: date("2022-07-05")),
            ApprovedChange(kind: .reduction, reason: .death, approvedOn: date("2022-09-20")),
        ])
        #expect(timeline.status(in: quarter(2022, 3)) == .active)
        #expect(timeline.status(in: quarter(2022, 4)) == .reduced)
        #expect(timeline.spans.count == 2)
    }

    @Test("spans given directly are ordered, and a later one for the same period replaces an earlier one")
    func explicitSpans() {
        let timeline = StatusTimeline([
            StatusSpan(status: .reduced, fromPeriod: quarter(2023, 1)),
            StatusSpan(status: .active, fromPeriod: quarter(2020, 1)),
            StatusSpan(status: .suspended, fromPeriod: quarter(2023, 1)),
        ])
        #expect(
            timeline.spans == [
                StatusSpan(status: .active, fromPeriod: quarter(2020, 1)),
                StatusSpan(status: .suspended, fromPeriod: quarter(2023, 1)),
            ])
        #expect(timeline.status(in: quarter(2024, 2)) == .suspended)
    }

    @Test("an empty timeline is pending forever")
    func empty() {
        #expect(StatusTimeline([]).status(in: quarter(2022, 1)) == .pending)
    }
}

@Suite("Overpaid periods")
struct OverpaidPeriodTests {
    static let registered = ApprovedChange(kind: .addition, approvedOn: date("2006-05-10"))

    @Test("a death reported after the roll was approved makes the paid quarter a recovery")
    func deathReportedLate() {
        // given a death on 20 September 2022, reported and approved on 20 October 2022,
        // after the 2022Q4 roll was approved and paid
        let timeline = StatusTimeline(approvedChanges: [
            Self.registered, ApprovedChange(kind: .reduction, reason: .death, approvedOn: date("2022-10-20")),
        ])
        let paid = [quarter(2022, 2), quarter(2022, 3), quarter(2022, 4)]
        // when the overpaid periods are computed with the death date
        let overpaid = Eligibility.overpaidPeriods(paidPeriods: paid, timeline: timeline, deathDate: date("2022-09-20"))
        // then 2022Q4 is to be recovered (the approval alone would have taken effect in 2023Q1)
        #expect(overpaid == [Overpayment(period: quarter(2022, 4), reason: .deceased)])
        #expect(Eligibility.overpaidPeriods(paidPeriods: paid, timeline: timeline).isEmpty)
    }

    @Test("periods paid after a reduction took effect are recovered")
    func paidAfterReduction() {
        let timeline = StatusTimeline(approvedChanges: [
            Self.registered,
            ApprovedChange(kind: .reduction, reason: .publicEmployment, approvedOn: date("2022-08-15")),
        ])
        let overpaid = Eligibility.overpaidPeriods(
            paidPeriods: [quarter(2023, 1), quarter(2022, 3), quarter(2022, 4), quarter(2022, 4)], timeline: timeline)
        #expect(
            overpaid == [
                Overpayment(period: quarter(2022, 4), reason: .reduced),
                Overpayment(period: quarter(2023, 1), reason: .reduced),
            ])
    }

    @Test("payments during a sentence and before approval are recovered")
    func suspendedAndPending() {
        let timeline = StatusTimeline(approvedChanges: [
            ApprovedChange(kind: .addition, approvedOn: date("2020-02-10")),
            ApprovedChange(kind: .reduction, reason: .imprisonment, approvedOn: date("2021-02-01")),
            ApprovedChange(kind: .restoration, approvedOn: date("2022-05-10")),
        ])
        let paid = [quarter(2020, 1), quarter(2020, 2), quarter(2021, 1), quarter(2021, 3), quarter(2022, 3)]
        #expect(
            Eligibility.overpaidPeriods(paidPeriods: paid, timeline: timeline) == [
                Overpayment(period: quarter(2020, 1), reason: .notApproved),
                Overpayment(period: quarter(2021, 3), reason: .suspended),
            ])
    }

    @Test("nothing is overpaid when every paid period was due")
    func nothingOverpaid() {
        let timeline = StatusTimeline(approvedChanges: [Self.registered])
        #expect(
            Eligibility.overpaidPeriods(
                paidPeriods: [quarter(2022, 1), quarter(2022, 2)], timeline: timeline, deathDate: date("2022-06-30")
            ).isEmpty)
        #expect(Eligibility.overpaidPeriods(paidPeriods: [], timeline: timeline).isEmpty)
    }
}
