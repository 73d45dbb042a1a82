/// The time limits of 信访工作条例 (2022) that the office keeps, each a setting with the
/// regulation's number as its default. Periods of days start the day after their event (the
/// event's own day is not counted), so a petition received on 1 March must be answered on
/// acceptance by 16 March.
public struct PetitionClockRules: Sendable, Hashable, Codable {
    /// Tell the petitioner in writing whether the item is accepted, or where to go (Art. 22-23).
    public var acceptanceDays = 15
    /// Object that an item assigned by a higher office is not ours, in working days (Art. 23).
    public var objectionWorkdays = 5
    /// Close an accepted item (Art. 35), and the one extension the head of the office may grant.
    public var handlingDays = 60
    public var extensionMaxDays = 30
    /// 复查: requested within, and answered within (Art. 35).
    public var reviewRequestDays = 30
    public var reviewAnswerDays = 30
    /// 复核: requested within, and answered within; hearing time does not count (Art. 36).
    public var rereviewRequestDays = 30
    public var rereviewAnswerDays = 30

    public init() {}
}

/// The deadlines the office itself must meet. The petitioner's own windows (to ask for a
/// review, a re-review) are not clocks of the office: they only decide what is refused.
public enum PetitionClockKind: String, Sendable, Hashable, Codable, CaseIterable {
    case acceptance
    case objection
    case handling
    case reviewAnswer
    case rereviewAnswer

    public var chinese: String {
        switch self {
        case .acceptance: return "受理告知"
        case .objection: return "交办异议"
        case .handling: return "办理期限"
        case .reviewAnswer: return "复查答复"
        case .rereviewAnswer: return "复核答复"
        }
    }
}

/// One deadline: when it started, when it falls due, and when it was met (nil while it runs).
public struct PetitionClock: Sendable, Hashable, Codable {
    public var kind: PetitionClockKind
    public var startsOn: CivilDate
    public var dueOn: CivilDate
    public var metOn: CivilDate?
    /// Days of the period not counted (a hearing), already added to `dueOn`.
    public var pausedDays: Int

    public init(kind: PetitionClockKind, startsOn: CivilDate, dueOn: CivilDate, metOn: CivilDate?, pausedDays: Int = 0)
    {
        self.kind = kind
        self.startsOn = startsOn
        self.dueOn = dueOn
        self.metOn = metOn
        self.pausedDays = pausedDays
    }

    public var isRunning: Bool { metOn == nil }

    /// Days from `today` to the due day: 0 on the due day itself, negative once overdue.
    public func daysLeft(on today: CivilDate) -> Int { today.days(until: dueOn) }

    public var metInTime: Bool? { metOn.map { $0 <= dueOn } }
}
