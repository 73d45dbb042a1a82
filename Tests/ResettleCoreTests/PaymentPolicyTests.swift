import Foundation
import ResettleCore
import Testing

@Suite("PaymentPolicy and PolicySchedule")
struct PaymentPolicyTests {
    @Test("the standard policy pays 150元 a quarter with the county's defaults")
    func defaults() {
        // given the standard policy
        let policy = PaymentPolicy.standard
        // then its settings are those of 国发〔2006〕17号 and Shaodong
        #expect(policy.yearlyRateFen == 60_000)
        #expect(policy.periodsPerYear == 4)
        #expect(policy.amountPerPeriodFen == 15_000)
        #expect(policy.minimumNoticeDays == 7)
        #expect(policy.memo == "移民后扶")
        #expect(policy.existingSupportStart == date("2006-07-01"))
        #expect(policy.existingSupportYears == 20)
        #expect(policy.relocatedSupportYears == 20)
    }

    @Test(
        "the amount per period is exact in fen",
        arguments: [
            (Int64(60_000), 4, Int64(15_000)), (60_000, 12, 5_000), (60_000, 2, 30_000), (60_000, 1, 60_000),
            (72_000, 4, 18_000), (60_000, 3, 20_000), (60_000, 6, 10_000),
        ])
    func amountPerPeriod(rate: Int64, perYear: Int, amount: Int64) throws {
        let policy = try PaymentPolicy(effectiveFrom: date("2006-07-01"), yearlyRateFen: rate, periodsPerYear: perYear)
        #expect(policy.amountPerPeriodFen == amount)
        #expect(policy.amountPerPeriodFen * Int64(perYear) == rate)
    }

    @Test(
        "a rate that does not divide into whole fen is refused",
        arguments: [(Int64(60_001), 4), (60_010, 12), (60_001, 2)])
    func rateNotDivisible(rate: Int64, perYear: Int) {
        #expect(throws: PaymentPolicyError.rateNotDivisible(yearlyRateFen: rate, periodsPerYear: perYear)) {
            try PaymentPolicy(effectiveFrom: date("2006-07-01"), yearlyRateFen: rate, periodsPerYear: perYear)
        }
    }

    @Test("other impossible settings are refused")
    func invalidSettings() {
        let from = date("2006-07-01")
        #expect(throws: PaymentPolicyError.unsupportedPeriodsPerYear(5)) {
            try PaymentPolicy(effectiveFrom: from, yearlyRateFen: 60_000, periodsPerYear: 5)
        }
        #expect(throws: PaymentPolicyError.unsupportedPeriodsPerYear(0)) {
            try PaymentPolicy(effectiveFrom: from, periodsPerYear: 0)
        }
        #expect(throws: PaymentPolicyError.negativeRate(-100)) {
            try PaymentPolicy(effectiveFrom: from, yearlyRateFen: -100)
        }
        #expect(throws: PaymentPolicyError.invalidSupportYears(0)) {
            try PaymentPolicy(effectiveFrom: from, existingSupportYears: 0)
        }
        #expect(throws: PaymentPolicyError.invalidSupportYears(101)) {
            try PaymentPolicy(effectiveFrom: from, relocatedSupportYears: 101)
        }
        #expect(throws: PaymentPolicyError.invalidNoticeDays(0)) {
            try PaymentPolicy(effectiveFrom: from, minimumNoticeDays: 0)
        }
        #expect(throws: PaymentPolicyError.emptyMemo) { try PaymentPolicy(effectiveFrom: from, memo: " \u{3000}") }
    }

    @Test("the memo is trimmed")
    func memoTrimmed() throws {
        #expect(try PaymentPolicy(effectiveFrom: date("2006-07-01"), memo: " 移民后扶 ").memo == "移民后扶")
    }

    @Test("现状 support runs from 2006-07-01 to 2026-06-30")
    func existingWindow() throws {
        let window = try #require(PaymentPolicy.standard.supportWindow(for: .existing, moveCompleted: nil))
        #expect(window.start == date("2006-07-01"))
        #expect(window.end == date("2026-06-30"))
    }

    @Test(
        "原迁 support starts on the first of the month after the move",
        arguments: [
            ("2010-05-15", "2010-06-01", "2030-05-31"), ("2010-05-01", "2010-06-01", "2030-05-31"),
            ("2010-05-31", "2010-06-01", "2030-05-31"), ("2010-12-20", "2011-01-01", "2030-12-31"),
            ("2010-07-01", "2010-08-01", "2030-07-31"), ("2012-02-29", "2012-03-01", "2032-02-29"),
        ])
    func relocatedWindow(move: String, start: String, end: String) throws {
        let window = try #require(PaymentPolicy.standard.supportWindow(for: .relocated, moveCompleted: date(move)))
        #expect(window.start == date(start))
        #expect(window.end == date(end))
    }

    @Test("a 原迁 person without a move date has no window")
    func relocatedWithoutMove() {
        #expect(PaymentPolicy.standard.supportWindow(for: .relocated, moveCompleted: nil) == nil)
    }

    @Test(
        "periods are paid when they start inside the window",
        arguments: [
            ("2006Q2", false), ("2006Q3", true), ("2022Q3", true), ("2026Q2", true), ("2026Q3", false),
            ("2027Q1", false),
        ])
    func existingPays(label: String, paid: Bool) throws {
        let window = try #require(PaymentPolicy.standard.supportWindow(for: .existing, moveCompleted: nil))
        #expect(window.pays(PaymentPeriod(label: label)!) == paid)
    }

    @Test(
        "a partial period at the start of a 原迁 window is not paid",
        arguments: [
            ("2010-05-15", "2010Q2", false), ("2010-05-15", "2010Q3", true), ("2010-05-15", "2030Q2", true),
            ("2010-05-15", "2030Q3", false), ("2010-06-01", "2010Q2", false), ("2010-06-01", "2010Q3", true),
            ("2010-06-15", "2010Q3", true), ("2010-07-01", "2010Q3", false), ("2010-07-01", "2030Q3", true),
        ])
    func relocatedPays(move: String, label: String, paid: Bool) throws {
        let window = try #require(PaymentPolicy.standard.supportWindow(for: .relocated, moveCompleted: date(move)))
        #expect(window.pays(PaymentPeriod(label: label)!) == paid)
    }

    @Test("every 20-year window pays exactly 80 quarters")
    func eightyQuarters() throws {
        var rng = SeededGenerator(seed: 80)
        for _ in 0..<200 {
            // given a random move date
            let move = CivilDate(dayNumber: date("2006-07-01").dayNumber + Int.random(in: 0..<6000, using: &rng))
            let window = try #require(PaymentPolicy.standard.supportWindow(for: .relocated, moveCompleted: move))
            // when the quarters it pays are counted
            var q = PaymentPeriod(containing: move)
            var paid = 0
            for _ in 0..<100 {
                if window.pays(q) { paid += 1 }
                q = q.next
            }
            // then there are 80
            #expect(paid == 80, "move \(move)")
        }
    }

    @Test("the schedule picks the version in force at the period's start")
    func scheduleLookup() throws {
        // given the standard policy and a raise to 720元 a year from 2027
        let raise = try PaymentPolicy(effectiveFrom: date("2027-01-01"), yearlyRateFen: 72_000)
        let schedule = try PolicySchedule([raise, .standard])
        // then each period is priced by the version in force on its first day
        #expect(try schedule.policy(for: quarter(2026, 4)).amountPerPeriodFen == 15_000)
        #expect(try schedule.policy(for: quarter(2027, 1)).amountPerPeriodFen == 18_000)
        #expect(try schedule.policy(for: quarter(2006, 3)).amountPerPeriodFen == 15_000)
        #expect(schedule.versions.map(\.effectiveFrom) == [date("2006-07-01"), date("2027-01-01")])
        #expect(schedule.policy(on: date("2026-12-31"))?.yearlyRateFen == 60_000)
        #expect(schedule.policy(on: date("2027-01-01"))?.yearlyRateFen == 72_000)
    }

    @Test("a version starting mid-period applies from the next period")
    func midPeriodVersion() throws {
        let later = try PaymentPolicy(effectiveFrom: date("2027-02-15"), yearlyRateFen: 72_000)
        let schedule = try PolicySchedule([.standard, later])
        #expect(try schedule.policy(for: quarter(2027, 1)).yearlyRateFen == 60_000)
        #expect(try schedule.policy(for: quarter(2027, 2)).yearlyRateFen == 72_000)
    }

    @Test("changing a later version never changes an earlier period")
    func laterChangeKeepsEarlier() throws {
        // given a schedule and every period's amount from 2006 to 2030 under it
        let schedule = try PolicySchedule([
            .standard, try PaymentPolicy(effectiveFrom: date("2027-01-01"), yearlyRateFen: 72_000),
        ])
        var periods: [PaymentPeriod] = []
        var q = quarter(2006, 3)
        while q.year < 2031 {
            periods.append(q)
            q = q.next
        }
        let before = try periods.map { try schedule.policy(for: $0) }
        // when the 2027 version is replaced and a 2029 one added
        let changed =
            try schedule
            .replacing(
                try PaymentPolicy(effectiveFrom: date("2027-01-01"), yearlyRateFen: 96_000, existingSupportYears: 25)
            )
            .replacing(try PaymentPolicy(effectiveFrom: date("2029-01-01"), yearlyRateFen: 120_000))
        // then every period before 2027 is priced exactly as before, and later ones are not
        for (period, old) in zip(periods, before) {
            let new = try changed.policy(for: period)
            if period.start < date("2027-01-01") {
                #expect(new == old, "\(period)")
            } else {
                #expect(new != old, "\(period)")
            }
        }
        #expect(changed.versions.count == 3)
    }

    @Test("schedules refuse no versions and two versions on one day")
    func scheduleValidation() throws {
        #expect(throws: PaymentPolicyError.noVersions) { try PolicySchedule([]) }
        let a = try PaymentPolicy(effectiveFrom: date("2027-01-01"), yearlyRateFen: 72_000)
        let b = try PaymentPolicy(effectiveFrom: date("2027-01-01"), yearlyRateFen: 96_000)
        #expect(throws: PaymentPolicyError.duplicateEffectiveDate(date("2027-01-01"))) {
            try PolicySchedule([.standard, a, b])
        }
    }

    @Test("a period before every version, or of another length, has no policy")
    func noPolicy() {
        #expect(throws: PaymentPolicyError.noPolicyInForce(quarter(2006, 2))) {
            try PolicySchedule.standard.policy(for: quarter(2006, 2))
        }
        let month = PaymentPeriod(label: "2022M07")!
        #expect(throws: PaymentPolicyError.periodLengthMismatch(period: month, policyPeriodsPerYear: 4)) {
            try PolicySchedule.standard.policy(for: month)
        }
        #expect(PolicySchedule.standard.policy(on: date("2006-06-30")) == nil)
    }

    @Test("policies and schedules round-trip through JSON, and bad ones do not load")
    func codable() throws {
        let schedule = try PolicySchedule([
            .standard, try PaymentPolicy(effectiveFrom: date("2027-01-01"), yearlyRateFen: 72_000),
        ])
        let data = try JSONEncoder().encode(schedule)
        #expect(try JSONDecoder().decode(PolicySchedule.self, from: data) == schedule)
        let bad = String(decoding: try JSONEncoder().encode(PaymentPolicy.standard), as: UTF8.self)
            .replacingOccurrences(of: "60000", with: "60001")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PaymentPolicy.self, from: Data(bad.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PolicySchedule.self, from: Data("[]".utf8)) }
    }

    @Test("errors explain themselves in Chinese")
    func messages() {
        #expect(
            PaymentPolicyError.rateNotDivisible(yearlyRateFen: 60_001, periodsPerYear: 4).message.contains("600.01元"))
        #expect(PaymentPolicyError.noPolicyInForce(quarter(2006, 2)).message.contains("2006年第2季度"))
        #expect(PaymentPolicyError.duplicateEffectiveDate(date("2027-01-01")).message.contains("2027年1月1日"))
        #expect(!PaymentPolicyError.emptyMemo.message.isEmpty)
    }
}
