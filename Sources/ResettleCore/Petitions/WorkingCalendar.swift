/// The working days of the State Council's holiday schedule: Monday to Friday, except the
/// public holidays announced for the year, plus the weekend days moved to be worked
/// (调休上班). Both lists are data the office keeps, one announcement a year; a clock counted
/// in working days (the five days to object to an assigned petition) reads them.
public struct WorkingCalendar: Sendable, Hashable {
    public var holidays: Set<CivilDate>
    public var adjustedWorkdays: Set<CivilDate>

    public init(holidays: Set<CivilDate> = [], adjustedWorkdays: Set<CivilDate> = []) {
        self.holidays = holidays
        self.adjustedWorkdays = adjustedWorkdays
    }

    /// 1 = Monday … 7 = Sunday. Day 0 (1970-01-01) was a Thursday.
    public static func weekday(of day: CivilDate) -> Int {
        let n = (day.dayNumber + 3) % 7
        return (n < 0 ? n + 7 : n) + 1
    }

    public func isWorkday(_ day: CivilDate) -> Bool {
        if adjustedWorkdays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return Self.weekday(of: day) <= 5
    }

    /// The `count`-th working day after `day` (the day itself is not counted, as for every
    /// period of days in law: it starts the next day).
    public func adding(workdays count: Int, to day: CivilDate) -> CivilDate {
        var current = day
        var left = count
        while left > 0 {
            current = current.adding(days: 1)
            if isWorkday(current) { left -= 1 }
        }
        return current
    }

    /// Whether the calendar holds the holiday schedule of `year` at all; a working-day clock
    /// ending in a year without one is counted on weekdays only and shown with a warning.
    public func knows(year: Int) -> Bool {
        holidays.contains { $0.year == year } || adjustedWorkdays.contains { $0.year == year }
    }
}
