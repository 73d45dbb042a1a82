/// Where a petition stands in the procedure of 信访工作条例, from the dates recorded on it.
public enum PetitionStage: String, Sendable, Hashable, Codable, CaseIterable {
    /// Registered; the decision on acceptance is due.
    case registered
    /// Accepted and being handled.
    case accepted
    /// Not accepted, or the petitioner was told where to go instead.
    case notAccepted
    /// Assigned by a higher office and sent back with an objection in time.
    case objected
    /// Closed with a written reply (办结); a review may still be requested.
    case replied
    case reviewing
    /// 复查 answered; a re-review may still be requested.
    case reviewed
    case rereviewing
    /// 复核 answered: the matter is final (终结); the same request is not accepted again.
    case final

    public var chinese: String {
        switch self {
        case .registered: return "待受理"
        case .accepted: return "办理中"
        case .notAccepted: return "不予受理"
        case .objected: return "已提异议退回"
        case .replied: return "已办结"
        case .reviewing: return "复查中"
        case .reviewed: return "复查已答复"
        case .rereviewing: return "复核中"
        case .final: return "复核终结"
        }
    }

    /// Accepted items that have a written reply: the numerator of the closure rate.
    public var isClosed: Bool { [.replied, .reviewing, .reviewed, .rereviewing, .final].contains(self) }
}

/// The decision on acceptance.
public enum PetitionDecision: String, Sendable, Hashable, Codable, CaseIterable {
    case accepted
    case notAccepted
    /// Not ours: the petitioner is told in writing which body to go to.
    case redirected

    public var chinese: String {
        switch self {
        case .accepted: return "予以受理"
        case .notAccepted: return "不予受理"
        case .redirected: return "告知向有权机关提出"
        }
    }
}

/// A refusal by the procedure, in the words shown to the user.
public struct PetitionProcedureError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The dates that decide a petition's clocks. Every step of the procedure is a new date here,
/// checked by the matching `check…` before it is recorded.
public struct PetitionProcedure: Sendable, Hashable {
    public var receivedOn: CivilDate
    /// 转交办: assigned by a higher office, so it may be objected to.
    public var assignedByHigherOffice: Bool
    public var decision: PetitionDecision?
    public var decidedOn: CivilDate?
    public var objectedOn: CivilDate?
    public var extensionDays: Int?
    public var extensionApprovedOn: CivilDate?
    public var repliedOn: CivilDate?
    /// The day the written reply reached the petitioner; the review window runs from it.
    public var replyDeliveredOn: CivilDate?
    public var reviewRequestedOn: CivilDate?
    public var reviewHearingDays = 0
    public var reviewAnsweredOn: CivilDate?
    public var rereviewRequestedOn: CivilDate?
    public var rereviewHearingDays = 0
    public var rereviewAnsweredOn: CivilDate?

    public let rules: PetitionClockRules
    public let calendar: WorkingCalendar

    public init(
        receivedOn: CivilDate, assignedByHigherOffice: Bool, rules: PetitionClockRules, calendar: WorkingCalendar
    ) {
        self.receivedOn = receivedOn
        self.assignedByHigherOffice = assignedByHigherOffice
        self.rules = rules
        self.calendar = calendar
    }

    public var stage: PetitionStage {
        if objectedOn != nil { return .objected }
        guard let decision else { return .registered }
        if decision != .accepted { return .notAccepted }
        if rereviewAnsweredOn != nil { return .final }
        if rereviewRequestedOn != nil { return .rereviewing }
        if reviewAnsweredOn != nil { return .reviewed }
        if reviewRequestedOn != nil { return .reviewing }
        if repliedOn != nil { return .replied }
        return .accepted
    }

    // MARK: Deadlines

    public var acceptanceDue: CivilDate { receivedOn.adding(days: rules.acceptanceDays) }
    public var objectionDue: CivilDate { calendar.adding(workdays: rules.objectionWorkdays, to: receivedOn) }
    /// The handling period without any extension.
    public var handlingDueWithoutExtension: CivilDate? {
        decision == .accepted ? decidedOn?.adding(days: rules.handlingDays) : nil
    }
    public var handlingDue: CivilDate? { handlingDueWithoutExtension?.adding(days: extensionDays ?? 0) }
    /// The last day the petitioner may ask for a review.
    public var reviewRequestEnd: CivilDate? { (replyDeliveredOn ?? repliedOn)?.adding(days: rules.reviewRequestDays) }
    public var reviewAnswerDue: CivilDate? {
        reviewRequestedOn?.adding(days: rules.reviewAnswerDays + reviewHearingDays)
    }
    public var rereviewRequestEnd: CivilDate? { reviewAnsweredOn?.adding(days: rules.rereviewRequestDays) }
    public var rereviewAnswerDue: CivilDate? {
        rereviewRequestedOn?.adding(days: rules.rereviewAnswerDays + rereviewHearingDays)
    }

    /// Every clock that has started, in the order they start.
    public var clocks: [PetitionClock] {
        var clocks = [PetitionClock(kind: .acceptance, startsOn: receivedOn, dueOn: acceptanceDue, metOn: decidedOn)]
        if assignedByHigherOffice, decidedOn == nil || objectedOn != nil {
            // Open until the office accepts the item (then it is ours) or objects in time.
            clocks.append(
                PetitionClock(kind: .objection, startsOn: receivedOn, dueOn: objectionDue, metOn: objectedOn))
        }
        if let decidedOn, let handlingDue {
            clocks.append(PetitionClock(kind: .handling, startsOn: decidedOn, dueOn: handlingDue, metOn: repliedOn))
        }
        if let reviewRequestedOn, let reviewAnswerDue {
            clocks.append(
                PetitionClock(
                    kind: .reviewAnswer, startsOn: reviewRequestedOn, dueOn: reviewAnswerDue, metOn: reviewAnsweredOn,
                    pausedDays: reviewHearingDays))
        }
        if let rereviewRequestedOn, let rereviewAnswerDue {
            clocks.append(
                PetitionClock(
                    kind: .rereviewAnswer, startsOn: rereviewRequestedOn, dueOn: rereviewAnswerDue,
                    metOn: rereviewAnsweredOn, pausedDays: rereviewHearingDays))
        }
        return clocks
    }

    /// The clocks still running; the objection window is only a deadline while it is open.
    public func running(on today: CivilDate) -> [PetitionClock] {
        clocks.filter { $0.isRunning && ($0.kind != .objection || today <= $0.dueOn) }
    }

    /// Closed within the handling period (with its extension).
    public var closedInTime: Bool? {
        guard let repliedOn, let handlingDue else { return nil }
        return repliedOn <= handlingDue
    }

    // MARK: Checks, one per step

    private func notBefore(_ day: CivilDate, _ earlier: CivilDate?, _ what: String, _ earlierWhat: String)
        throws(PetitionProcedureError)
    {
        if let earlier, day < earlier {
            throw PetitionProcedureError("\(what)日期\(day.iso)早于\(earlierWhat)日期\(earlier.iso)")
        }
    }

    private func notAfterToday(_ day: CivilDate, _ today: CivilDate, _ what: String) throws(PetitionProcedureError) {
        if day > today { throw PetitionProcedureError("\(what)日期\(day.iso)晚于今天（\(today.iso)）") }
    }

    private func refuseIfFinal() throws(PetitionProcedureError) {
        if stage == .final {
            throw PetitionProcedureError("该信访事项已经复核终结，同一事实和理由的请求不再受理")
        }
    }

    public func checkDecision(on day: CivilDate, today: CivilDate) throws(PetitionProcedureError) {
        try refuseIfFinal()
        guard stage == .registered else { throw PetitionProcedureError("该信访事项已作出受理决定（\(stage.chinese)）") }
        try notBefore(day, receivedOn, "告知", "登记")
        try notAfterToday(day, today, "告知")
    }

    public func checkObjection(on day: CivilDate, today: CivilDate) throws(PetitionProcedureError) {
        guard assignedByHigherOffice else { throw PetitionProcedureError("只有上级转交办的信访事项才能提出异议") }
        guard stage == .registered else { throw PetitionProcedureError("已作出受理决定，不能再提出异议") }
        try notBefore(day, receivedOn, "异议", "登记")
        try notAfterToday(day, today, "异议")
        if day > objectionDue {
            throw PetitionProcedureError(
                "异议须在收到交办之日起\(rules.objectionWorkdays)个工作日内提出（截至\(objectionDue.iso)），\(day.iso)已过期")
        }
    }

    public func checkExtension(days: Int, approvedOn: CivilDate, today: CivilDate) throws(PetitionProcedureError) {
        guard stage == .accepted, let due = handlingDueWithoutExtension else {
            throw PetitionProcedureError("只有已受理、尚未办结的信访事项才能延期")
        }
        if extensionDays != nil { throw PetitionProcedureError("该信访事项已延期一次，不能再次延期") }
        guard (1...rules.extensionMaxDays).contains(days) else {
            throw PetitionProcedureError("延长期限须为1至\(rules.extensionMaxDays)日，填写的是\(days)日")
        }
        try notBefore(approvedOn, decidedOn, "延期批准", "受理")
        try notAfterToday(approvedOn, today, "延期批准")
        if approvedOn > due {
            throw PetitionProcedureError("办理期限已于\(due.iso)届满，届满后不能再批准延期")
        }
    }

    public func checkReply(on day: CivilDate, deliveredOn: CivilDate?, today: CivilDate) throws(PetitionProcedureError)
    {
        try refuseIfFinal()
        guard stage == .accepted else {
            throw PetitionProcedureError(
                stage == .registered ? "尚未受理，不能出具处理意见" : "该信访事项当前为“\(stage.chinese)”，不能出具处理意见")
        }
        try notBefore(day, decidedOn, "答复", "受理")
        try notAfterToday(day, today, "答复")
        if let deliveredOn {
            try notBefore(deliveredOn, day, "送达", "答复")
            try notAfterToday(deliveredOn, today, "送达")
        }
    }

    public func checkReviewRequest(on day: CivilDate, today: CivilDate) throws(PetitionProcedureError) {
        try refuseIfFinal()
        guard stage == .replied, let end = reviewRequestEnd else {
            throw PetitionProcedureError("只有已出具处理意见、尚未复查的信访事项才能申请复查")
        }
        try notBefore(day, replyDeliveredOn ?? repliedOn, "复查申请", "处理意见送达")
        try notAfterToday(day, today, "复查申请")
        if day > end {
            throw PetitionProcedureError(
                "复查须自收到处理意见之日起\(rules.reviewRequestDays)日内提出（截至\(end.iso)），\(day.iso)提出已超过期限")
        }
    }

    public func checkHearing(days: Int) throws(PetitionProcedureError) {
        guard stage == .reviewing || stage == .rereviewing else {
            throw PetitionProcedureError("只有复查或复核中的信访事项才能记录听证")
        }
        guard (1...90).contains(days) else { throw PetitionProcedureError("听证天数须为1至90日") }
    }

    public func checkReviewAnswer(on day: CivilDate, today: CivilDate) throws(PetitionProcedureError) {
        guard stage == .reviewing else { throw PetitionProcedureError("没有待答复的复查申请") }
        try notBefore(day, reviewRequestedOn, "复查答复", "复查申请")
        try notAfterToday(day, today, "复查答复")
    }

    public func checkRereviewRequest(on day: CivilDate, today: CivilDate) throws(PetitionProcedureError) {
        try refuseIfFinal()
        guard stage == .reviewed, let end = rereviewRequestEnd else {
            throw PetitionProcedureError("只有复查已答复的信访事项才能申请复核")
        }
        try notBefore(day, reviewAnsweredOn, "复核申请", "复查答复")
        try notAfterToday(day, today, "复核申请")
        if day > end {
            throw PetitionProcedureError(
                "复核须自收到复查意见之日起\(rules.rereviewRequestDays)日内提出（截至\(end.iso)），\(day.iso)提出已超过期限")
        }
    }

    public func checkRereviewAnswer(on day: CivilDate, today: CivilDate) throws(PetitionProcedureError) {
        guard stage == .rereviewing else { throw PetitionProcedureError("没有待答复的复核申请") }
        try notBefore(day, rereviewRequestedOn, "复核答复", "复核申请")
        try notAfterToday(day, today, "复核答复")
    }
}
