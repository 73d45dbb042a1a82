/// What the payment rules need to know about one person.
public struct PersonFacts: Hashable, Sendable {
    public let residentID: ResidentID
    public let resettlementType: ResettlementType
    /// When the move was completed; required for 原迁 people, whose support window starts from it.
    public let moveCompleted: CivilDate?
    public let timeline: StatusTimeline
    /// Whether the person has an account (一卡通 card or passbook) the bank can pay into.
    public let hasPaymentAccount: Bool
    /// The date of death if known, whether or not the reduction has been approved yet.
    public let deathDate: CivilDate?

    public init(
        residentID: ResidentID, resettlementType: ResettlementType, moveCompleted: CivilDate? = nil,
        timeline: StatusTimeline, hasPaymentAccount: Bool, deathDate: CivilDate? = nil
    ) throws(EligibilityError) {
        if resettlementType == .relocated, moveCompleted == nil { throw .missingMoveDate(residentID) }
        self.residentID = residentID
        self.resettlementType = resettlementType
        self.moveCompleted = moveCompleted
        self.timeline = timeline
        self.hasPaymentAccount = hasPaymentAccount
        self.deathDate = deathDate
    }
}

public enum EligibilityError: Error, Equatable, Sendable {
    case missingMoveDate(ResidentID)

    public var message: String {
        switch self {
        case .missingMoveDate(let id): return "原迁人口\(id.masked)缺少搬迁完成日期，无法确定扶持期限"
        }
    }
}

/// Why a person is not paid for a period.
public enum IneligibilityReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// Not yet approved onto the register.
    case notApproved
    /// Removed from the register (death, 农转非, ...) with effect before this period.
    case reduced
    /// Suspended (serving a sentence) with effect before this period.
    case suspended
    /// Died in an earlier period, whether or not the reduction has been approved yet.
    case deceased
    /// The period starts before the support window opens or after it closes.
    case outsideWindow
    /// No account to pay into.
    case noAccount

    public var chinese: String {
        switch self {
        case .notApproved: return "未审批（待审批）"
        case .reduced: return "已调减"
        case .suspended: return "暂停发放（服刑）"
        case .deceased: return "已死亡"
        case .outsideWindow: return "不在扶持期限内"
        case .noAccount: return "无发放账户（一卡通）"
        }
    }
}

/// Paid and how much, or not paid and why.
public enum EligibilityDecision: Hashable, Sendable {
    case eligible(amountFen: Int64)
    case ineligible(IneligibilityReason)

    public var isEligible: Bool { if case .eligible = self { true } else { false } }

    public var amountFen: Int64 { if case .eligible(let fen) = self { fen } else { 0 } }
}

/// A period that was paid although the person was not eligible: a recovery case (追缴).
public struct Overpayment: Hashable, Sendable {
    public let period: PaymentPeriod
    public let reason: IneligibilityReason

    public init(period: PaymentPeriod, reason: IneligibilityReason) {
        self.period = period
        self.reason = reason
    }
}

/// Who is paid for a period: registered, approved, alive, not removed with effect before the
/// period, inside the support window, with a payment account.
public enum Eligibility {
    /// Decides one person for one period under the policy in force at the period's start.
    ///
    /// When several reasons apply, the one reported is the first of: deceased, not approved /
    /// reduced / suspended, outside the window, no account. The order goes from what no fix
    /// can change to what a township clerk can fix, so the reason shown is the one that matters.
    public static func evaluate(
        _ person: PersonFacts, for period: PaymentPeriod, schedule: PolicySchedule
    ) throws(PaymentPolicyError) -> EligibilityDecision {
        let policy = try schedule.policy(for: period)
        if let death = person.deathDate, diedBefore(period, deathDate: death) { return .ineligible(.deceased) }
        switch person.timeline.status(in: period) {
        case .pending: return .ineligible(.notApproved)
        case .reduced: return .ineligible(.reduced)
        case .suspended: return .ineligible(.suspended)
        case .active: break
        }
        guard let window = policy.supportWindow(for: person.resettlementType, moveCompleted: person.moveCompleted),
            window.pays(period)
        else { return .ineligible(.outsideWindow) }
        guard person.hasPaymentAccount else { return .ineligible(.noAccount) }
        return .eligible(amountFen: policy.amountPerPeriodFen)
    }

    /// Death works like a reduction approved on the day of death: the period in which the
    /// person died is paid, every later one is not. Unlike an ordinary reduction it counts from
    /// the day of death, not from the approval, because the entitlement ended with the life
    /// whenever the office learnt of it.
    static func diedBefore(_ period: PaymentPeriod, deathDate: CivilDate) -> Bool {
        period.start
            >= PaymentPeriod.effectivePeriod(approvedOn: deathDate, periodsPerYear: period.periodsPerYear).start
    }

    /// The periods in `paidPeriods` for which the person was not entitled by their timeline or
    /// death: the recovery cases (追缴). A death reported after a roll was approved shows up here:
    /// died 2022-08-10, reduction approved 2022-10-20 (effective 2023Q1), 2022Q4 already paid →
    /// 2022Q4 is returned as `.deceased`. A reduction approved in the quarter it was paid for is
    /// not an overpayment: the approval rule pays that quarter as it stood.
    ///
    /// The support window and the account are not checked here: those are checked when the roll
    /// is generated and do not change after payment. The result is in period order, each period
    /// once.
    public static func overpaidPeriods(
        paidPeriods: [PaymentPeriod], timeline: StatusTimeline, deathDate: CivilDate? = nil
    ) -> [Overpayment] {
        var result: [Overpayment] = []
        for period in Set(paidPeriods).sorted() {
            if let deathDate, diedBefore(period, deathDate: deathDate) {
                result.append(Overpayment(period: period, reason: .deceased))
                continue
            }
            switch timeline.status(in: period) {
            case .active: continue
            case .pending: result.append(Overpayment(period: period, reason: .notApproved))
            case .reduced: result.append(Overpayment(period: period, reason: .reduced))
            case .suspended: result.append(Overpayment(period: period, reason: .suspended))
            }
        }
        return result
    }
}
