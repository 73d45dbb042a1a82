import ResettleCore

/// Excel's day serials for `ResettleCore.CivilDate`. Serials are plain day counts, so the
/// conversion is Core's day arithmetic plus Excel's two epochs; going through `Date` and time
/// zones would risk off-by-one days near midnight UTC.
extension CivilDate {
    private static let epoch1899_12_30 = -25_569
    private static let epoch1904_01_01 = -24_107

    /// Date of an Excel serial day. In the 1900 system Excel counts the non-existent 1900-02-29
    /// as day 60 (a Lotus 1-2-3 bug kept for compatibility); that day is returned as nil.
    static func fromSerial(_ serial: Int, date1904: Bool) -> CivilDate? {
        if date1904 { return CivilDate(dayNumber: epoch1904_01_01 + serial) }
        if serial == 60 { return nil }
        if serial < 60 { return CivilDate(dayNumber: epoch1899_12_30 + serial + 1) }
        return CivilDate(dayNumber: epoch1899_12_30 + serial)
    }

    /// Excel serial (1900 system) of this date; nil before 1900-01-01 where Excel has no serial.
    var excelSerial1900: Int? {
        let days = dayNumber - CivilDate.epoch1899_12_30
        if days >= 61 { return days }
        // 1900-01-01 ... 1900-02-28 are serials 1 ... 59 (one less than the day count from
        // 1899-12-30 because of the fake 1900-02-29).
        if days >= 2 { return days - 1 }
        return nil
    }
}
