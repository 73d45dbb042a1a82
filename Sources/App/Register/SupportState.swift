import ResettleCore

extension Person {
    /// The person's support window as stored on the register (`support_start` … `support_end`).
    var supportWindow: SupportWindow? {
        guard let start = CivilDate(parsing: supportStart), let end = CivilDate(parsing: supportEnd) else { return nil }
        return SupportWindow(start: start, end: end)
    }

    /// What the person's status means on `day` (today, Beijing time, unless another day is looked
    /// at): the register's status, with 在册 shown as 扶持期满 once the support window has ended
    /// (and 未到扶持期 before it starts). Derived from `status` and the window; the register is
    /// not changed. This is the one place the derivation is made for a `Person`; code that reads
    /// rows calls `SupportState.of(status:supportStart:supportEnd:on:)` with the same columns.
    func supportState(on day: CivilDate = .today()) -> SupportState {
        SupportState.of(status: personStatus, window: supportWindow, on: day)
    }
}
