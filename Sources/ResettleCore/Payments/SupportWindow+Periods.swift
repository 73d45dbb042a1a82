extension SupportWindow {
    /// Named policy choice, **period-start rule**: a person is paid for a period when the
    /// period's first day lies in the window. Consequences: a period in the middle of which the
    /// window opens is not paid (no part payments: a 原迁 person who moved on 2010-05-15,
    /// supported from 2010-06-01, is first paid for 2010Q3, not 2010Q2); the period in which the
    /// window closes is paid in full (现状 support ends 2026-06-30, so 2026Q2 is the last period
    /// paid and 2026Q3 is not). Because windows start on the 1st of a month and last whole
    /// years, a 20-year window always pays exactly 80 quarters either way.
    public func pays(_ period: PaymentPeriod) -> Bool {
        contains(period.start)
    }
}
