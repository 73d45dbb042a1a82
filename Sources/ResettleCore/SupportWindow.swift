/// The span of days in which a person is entitled to post-support (国发〔2006〕17号): people
/// resettled before 2006-07-01 (现状) from 2006-07-01, people resettled later (原迁) from the first
/// day of the month after their move was completed; 20 years in both cases. The start and the
/// length are policy values with these defaults; the payment policy may change them.
public struct SupportWindow: Hashable, Sendable, Codable {
    public let start: CivilDate
    /// The last day included.
    public let end: CivilDate

    public init(start: CivilDate, end: CivilDate) {
        self.start = start
        self.end = end
    }

    public static let existingStart = CivilDate(year: 2006, month: 7, day: 1)!
    public static let defaultYears = 20

    /// nil when a relocated person has no move-completion date.
    public static func standard(
        type: ResettlementType, moveCompleted: CivilDate?, existingStart: CivilDate = existingStart,
        years: Int = defaultYears
    ) -> SupportWindow? {
        let start: CivilDate
        switch type {
        case .existing: start = existingStart
        case .relocated:
            guard let moveCompleted else { return nil }
            start = moveCompleted.firstOfNextMonth
        }
        return SupportWindow(start: start, end: start.adding(years: years).adding(days: -1))
    }

    public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }
}
