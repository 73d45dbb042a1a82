import ResettleCore
import Testing

@Suite("Petition clocks (信访工作条例 2022)")
struct PetitionProcedureTests {
    /// The 2022 schedule's Spring Festival and Qingming: holidays and the weekend days worked.
    static let calendar = WorkingCalendar(
        holidays: Set(
            (0...6).map { date("2022-01-31").adding(days: $0) } + (0...2).map { date("2022-04-03").adding(days: $0) }),
        adjustedWorkdays: [date("2022-01-29"), date("2022-01-30"), date("2022-04-02")])

    static func procedure(received: String, referred: Bool = false) -> PetitionProcedure {
        PetitionProcedure(
            receivedOn: date(received), assignedByHigherOffice: referred, rules: PetitionClockRules(),
            calendar: calendar)
    }

    /// Accepted on `decided`, replied on `replied`.
    static func accepted(received: String, decided: String) -> PetitionProcedure {
        var p = procedure(received: received)
        p.decision = .accepted
        p.decidedOn = date(decided)
        return p
    }

    /// The refusal's message, or nil when the step is allowed.
    static func refused(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as PetitionProcedureError {
            return error.message
        } catch { return "unexpected \(error)" }
    }

    @Test("Weekdays from the calendar: 2022-01-01 was a Saturday, 2022-03-01 a Tuesday")
    func weekdays() {
        #expect(WorkingCalendar.weekday(of: date("2022-01-01")) == 6)
        #expect(WorkingCalendar.weekday(of: date("2022-03-01")) == 2)
        #expect(WorkingCalendar.weekday(of: date("1970-01-01")) == 4)
        #expect(WorkingCalendar.weekday(of: date("1969-12-28")) == 7)
    }

    @Test("Five working days across the Spring Festival count the adjusted weekend and skip the holiday week")
    func objectionAcrossSpringFestival() {
        // Received Friday 28 January: Sat 29 and Sun 30 are worked (1, 2), 31 Jan to 6 Feb are
        // holidays, then Mon 7 (3), Tue 8 (4), Wed 9 (5).
        let p = Self.procedure(received: "2022-01-28", referred: true)
        #expect(p.objectionDue == date("2022-02-09"))
        // Without the schedule the same five days would end on Friday 4 February.
        #expect(WorkingCalendar().adding(workdays: 5, to: date("2022-01-28")) == date("2022-02-04"))
        #expect(Self.refused { try p.checkObjection(on: date("2022-02-09"), today: date("2022-02-09")) } == nil)
        let late = Self.refused { try p.checkObjection(on: date("2022-02-10"), today: date("2022-02-10")) }
        #expect(late?.contains("5个工作日") == true)
        #expect(late?.contains("2022-02-09") == true)
    }

    @Test("An adjusted Saturday is a working day: Qingming 2022")
    func adjustedSaturday() {
        // Thu 31 March: Fri 1 April (1), Sat 2 April worked (2), 3-5 April holidays, Wed 6 (3),
        // Thu 7 (4), Fri 8 (5).
        #expect(Self.procedure(received: "2022-03-31", referred: true).objectionDue == date("2022-04-08"))
        #expect(Self.calendar.isWorkday(date("2022-04-02")))
        #expect(!Self.calendar.isWorkday(date("2022-04-04")))
        #expect(!Self.calendar.isWorkday(date("2022-04-09")))
    }

    @Test("Only an item assigned by a higher office can be objected to, and only before it is accepted")
    func objectionOnlyForReferrals() {
        let own = Self.procedure(received: "2022-03-01")
        #expect(Self.refused { try own.checkObjection(on: date("2022-03-02"), today: date("2022-03-02")) } != nil)
        #expect(!own.clocks.contains { $0.kind == .objection })
        var referred = Self.procedure(received: "2022-03-01", referred: true)
        #expect(referred.running(on: date("2022-03-02")).map(\.kind) == [.acceptance, .objection])
        // the window has passed: no longer a deadline on the board
        #expect(referred.running(on: date("2022-03-20")).map(\.kind) == [.acceptance])
        referred.decision = .accepted
        referred.decidedOn = date("2022-03-03")
        #expect(!referred.clocks.contains { $0.kind == .objection })
        #expect(Self.refused { try referred.checkObjection(on: date("2022-03-04"), today: date("2022-03-04")) } != nil)
    }

    @Test("Acceptance: told on day 15 is in time, on day 16 late")
    func acceptanceDays15And16() {
        let p = Self.procedure(received: "2022-03-01")
        #expect(p.acceptanceDue == date("2022-03-16"))
        #expect(p.running(on: date("2022-03-16"))[0].daysLeft(on: date("2022-03-16")) == 0)
        #expect(p.running(on: date("2022-03-17"))[0].daysLeft(on: date("2022-03-17")) == -1)
        var onDay15 = p
        onDay15.decision = .accepted
        onDay15.decidedOn = date("2022-03-16")
        #expect(onDay15.clocks[0].metInTime == true)
        var onDay16 = p
        onDay16.decision = .notAccepted
        onDay16.decidedOn = date("2022-03-17")
        #expect(onDay16.clocks[0].metInTime == false)
        #expect(onDay16.stage == .notAccepted)
        // a decision dated before the registration, or in the future, is refused
        #expect(Self.refused { try p.checkDecision(on: date("2022-02-28"), today: date("2022-03-05")) } != nil)
        #expect(Self.refused { try p.checkDecision(on: date("2022-03-06"), today: date("2022-03-05")) } != nil)
    }

    @Test("Handling: a reply on day 60 is in time, on day 61 late")
    func handlingDays60And61() {
        let p = Self.accepted(received: "2022-02-25", decided: "2022-03-01")
        #expect(p.handlingDue == date("2022-04-30"))
        var day60 = p
        day60.repliedOn = date("2022-04-30")
        #expect(day60.closedInTime == true)
        #expect(day60.stage == .replied && day60.stage.isClosed)
        var day61 = p
        day61.repliedOn = date("2022-05-01")
        #expect(day61.closedInTime == false)
        // a reply dated before the acceptance is refused
        let early = Self.refused {
            try p.checkReply(on: date("2022-02-28"), deliveredOn: nil, today: date("2022-03-10"))
        }
        #expect(early?.contains("早于受理日期") == true)
        // a delivery before the reply is refused
        #expect(
            Self.refused {
                try p.checkReply(on: date("2022-03-10"), deliveredOn: date("2022-03-09"), today: date("2022-03-10"))
            } != nil)
    }

    @Test("One extension of at most 30 days, approved before the period ends")
    func oneExtension() {
        let p = Self.accepted(received: "2022-02-25", decided: "2022-03-01")
        let today = date("2022-04-20")
        #expect(Self.refused { try p.checkExtension(days: 30, approvedOn: date("2022-04-20"), today: today) } == nil)
        #expect(
            Self.refused { try p.checkExtension(days: 31, approvedOn: date("2022-04-20"), today: today) }?.contains(
                "1至30日") == true)
        #expect(Self.refused { try p.checkExtension(days: 0, approvedOn: date("2022-04-20"), today: today) } != nil)
        // after the 60 days have run out
        #expect(
            Self.refused { try p.checkExtension(days: 10, approvedOn: date("2022-05-01"), today: date("2022-05-02")) }?
                .contains("届满") == true)
        var extended = p
        extended.extensionDays = 30
        extended.extensionApprovedOn = date("2022-04-20")
        #expect(extended.handlingDue == date("2022-05-30"))
        #expect(
            Self.refused { try extended.checkExtension(days: 5, approvedOn: date("2022-04-21"), today: today) }?
                .contains("已延期一次") == true)
        extended.repliedOn = date("2022-05-30")
        #expect(extended.closedInTime == true)
    }

    @Test("Review: asked on day 30 after delivery is accepted, day 31 refused; answered within 30 days")
    func reviewWindow() {
        var p = Self.accepted(received: "2022-02-25", decided: "2022-03-01")
        p.repliedOn = date("2022-04-10")
        p.replyDeliveredOn = date("2022-04-12")
        #expect(p.reviewRequestEnd == date("2022-05-12"))
        #expect(Self.refused { try p.checkReviewRequest(on: date("2022-05-12"), today: date("2022-05-12")) } == nil)
        let late = Self.refused { try p.checkReviewRequest(on: date("2022-05-13"), today: date("2022-05-13")) }
        #expect(late?.contains("30日内") == true)
        p.reviewRequestedOn = date("2022-05-12")
        #expect(p.stage == .reviewing)
        #expect(p.reviewAnswerDue == date("2022-06-11"))
        #expect(p.running(on: date("2022-06-01")).map(\.kind) == [.reviewAnswer])
    }

    @Test("A hearing's days do not count toward the answer of a review or a re-review")
    func hearingPause() {
        var p = Self.accepted(received: "2022-02-25", decided: "2022-03-01")
        p.repliedOn = date("2022-04-10")
        p.reviewRequestedOn = date("2022-04-20")
        #expect(Self.refused { try p.checkHearing(days: 10) } == nil)
        p.reviewHearingDays = 10
        #expect(p.reviewAnswerDue == date("2022-05-30"))
        #expect(p.clocks.last?.pausedDays == 10)
        p.reviewAnsweredOn = date("2022-05-25")
        #expect(p.clocks.last?.metInTime == true)
        #expect(Self.refused { try p.checkHearing(days: 3) } != nil)
        p.rereviewRequestedOn = date("2022-06-10")
        p.rereviewHearingDays = 5
        #expect(p.rereviewAnswerDue == date("2022-07-15"))
    }

    @Test("After the re-review the matter is final: no new step, and a re-review cannot be asked twice")
    func finalAfterRereview() {
        var p = Self.accepted(received: "2022-02-25", decided: "2022-03-01")
        p.repliedOn = date("2022-04-10")
        p.reviewRequestedOn = date("2022-04-20")
        p.reviewAnsweredOn = date("2022-05-10")
        #expect(Self.refused { try p.checkRereviewRequest(on: date("2022-06-10"), today: date("2022-06-10")) } != nil)
        #expect(Self.refused { try p.checkRereviewRequest(on: date("2022-06-09"), today: date("2022-06-09")) } == nil)
        p.rereviewRequestedOn = date("2022-06-01")
        p.rereviewAnsweredOn = date("2022-06-20")
        #expect(p.stage == .final)
        let again = Self.refused { try p.checkRereviewRequest(on: date("2022-06-21"), today: date("2022-06-21")) }
        #expect(again?.contains("复核终结") == true)
        #expect(Self.refused { try p.checkReviewRequest(on: date("2022-06-21"), today: date("2022-06-21")) } != nil)
        #expect(p.running(on: date("2022-06-21")).isEmpty)
    }

    @Test("Counting: a group is one batch, person-times are headcounts, the closure rate is closed over accepted")
    func tally() {
        func item(_ headcount: Int, _ stage: PetitionStage, accepted: Bool = true, repeat r: Bool = false)
            -> PetitionTally.Item
        {
            PetitionTally.Item(
                headcount: headcount, stage: stage, accepted: accepted, decidedInTime: true,
                closedInTime: stage.isClosed ? true : nil, isRepeat: r, satisfaction: stage.isClosed ? .satisfied : nil,
                category: headcount > 4 ? "道路建设" : "宅基地")
        }
        let t = PetitionTally(
            [
                item(8, .replied), item(2, .final), item(1, .accepted), item(1, .notAccepted, accepted: false),
                item(3, .reviewing, repeat: true),
            ], groupThreshold: 5)
        #expect(t.batches == 5)
        #expect(t.personTimes == 15)
        #expect(t.groupBatches == 1)
        #expect(t.accepted == 4)
        #expect(t.closed == 3)
        #expect(t.repeats == 1)
        #expect(t.closureRateBasisPoints == 7500)
        #expect(PetitionTally.percent(t.closureRateBasisPoints) == "75%")
        #expect(PetitionTally.percent(3333) == "33.33%")
        #expect(PetitionTally.percent(nil) == "—")
        #expect(t.byCategory.map(\.category) == ["道路建设", "宅基地"])
        #expect(t.byCategory.map(\.batches) == [1, 4])
    }
}
