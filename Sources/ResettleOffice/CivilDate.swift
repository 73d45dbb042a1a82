import Foundation

/// Proleptic Gregorian date arithmetic without `Calendar`: spreadsheet serials are plain day
/// counts, and going through `Date`/time zones would risk off-by-one days near midnight UTC.
struct CivilDate: Sendable, Hashable {
    let year: Int
    let month: Int
    let day: Int

    /// Days since 1970-01-01 (H. Hinnant's days_from_civil).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Inverse of `daysSinceEpoch` (civil_from_days).
    init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= CivilDate.daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `yyyy-MM-dd`.
    var iso: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    // MARK: Spreadsheet serials

    private static let epoch1899_12_30 = -25_569
    private static let epoch1904_01_01 = -24_107

    /// Date of an Excel serial day. In the 1900 system Excel counts the non-existent 1900-02-29
    /// as day 60 (a Lotus 1-2-3 bug kept for compatibility); that day is returned as nil.
    static func fromSerial(_ serial: Int, date1904: Bool) -> CivilDate? {
        if date1904 { return CivilDate(daysSinceEpoch: epoch1904_01_01 + serial) }
        if serial == 60 { return nil }
        if serial < 60 { return CivilDate(daysSinceEpoch: epoch1899_12_30 + serial + 1) }
        return CivilDate(daysSinceEpoch: epoch1899_12_30 + serial)
    }

    /// Excel serial (1900 system) of this date; nil before 1900-01-01 where Excel has no serial.
    var excelSerial1900: Int? {
        let days = daysSinceEpoch - CivilDate.epoch1899_12_30
        if days >= 61 { return days }
        // 1900-01-01 ... 1900-02-28 are serials 1 ... 59 (one less than the day count from
        // 1899-12-30 because of the fake 1900-02-29).
        if days >= 2 { return days - 1 }
        return nil
    }
}
