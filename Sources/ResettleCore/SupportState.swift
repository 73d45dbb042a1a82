/// What a person's standing means on a given day: the register's status, and for someone on the
/// register (在册) whether that day lies inside their support window.
///
/// Derived, never stored: the register keeps `status` as the changes made it, and a person whose
/// 20 years ended is still 在册 there (nobody approved a reduction), but is no longer paid. Every
/// place that shows a person's status shows this instead, so the office sees 扶持期满 rather than
/// an 在册 that is not paid. Only 在册 is refined: 待审批, 暂停 and 已调减 already say the person
/// is not paid, whatever the window.
public enum SupportState: String, Sendable, Codable, CaseIterable {
    case pending
    case active
    case suspended
    case reduced
    /// 在册, but the support window ended before the day (扶持期满).
    case expired
    /// 在册, but the support window starts after the day (未到扶持期): a relocated person whose
    /// support begins the month after the move.
    case notStarted = "not_started"

    /// The state on `day` of a person with `status` and support `window` (nil when the window is
    /// unknown: the status stands as it is). The window's last day is still inside it.
    public static func of(status: PersonStatus, window: SupportWindow?, on day: CivilDate) -> SupportState {
        switch status {
        case .pending: return .pending
        case .suspended: return .suspended
        case .reduced: return .reduced
        case .active:
            guard let window else { return .active }
            if day > window.end { return .expired }
            if day < window.start { return .notStarted }
            return .active
        }
    }

    /// The same from the stored columns (`status`, `support_start`, `support_end` as
    /// `yyyy-MM-dd`), for code that reads rows rather than models. An unknown status reads as
    /// 待审批, like `Person.personStatus`; unreadable dates leave the status as it is.
    public static func of(status: String, supportStart: String, supportEnd: String, on day: CivilDate) -> SupportState {
        let window = CivilDate(parsing: supportStart).flatMap { start in
            CivilDate(parsing: supportEnd).map { SupportWindow(start: start, end: $0) }
        }
        return of(status: PersonStatus(rawValue: status) ?? .pending, window: window, on: day)
    }

    public var chinese: String {
        switch self {
        case .pending: return PersonStatus.pending.chinese
        case .active: return PersonStatus.active.chinese
        case .suspended: return PersonStatus.suspended.chinese
        case .reduced: return PersonStatus.reduced.chinese
        case .expired: return "扶持期满"
        case .notStarted: return "未到扶持期"
        }
    }

    /// Whether the person is paid for a day in this state, as far as status and window go (the
    /// roll also needs an account and the period's policy).
    public var isSupported: Bool { self == .active }
}
