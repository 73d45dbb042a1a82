import Foundation
import ResettleCore
import Testing

@Suite("CivilDate")
struct CivilDateTests {
    @Test(
        "every office format parses to the same day",
        arguments: [
            "2022-07-01", "2022/7/1", "2022/07/01", "2022.7.1", "2022.07.01", "20220701", "2022年7月1日",
            "2022年07月01日", " 2022-07-01 ", "\u{3000}2022-07-01\u{3000}", "2022-07-01 10:30:00",
            "2022-07-01T10:30:00Z", "2022/7/1 0:00", "\n2022-7-1\t",
        ])
    func parsesFormats(text: String) {
        // given a date as a spreadsheet writes it
        // when parsed / then it is 1 July 2022
        #expect(CivilDate(parsing: text) == CivilDate(year: 2022, month: 7, day: 1))
    }

    @Test(
        "malformed or impossible dates are nil",
        arguments: [
            "", " ", "2022-13-01", "2022-02-30", "2022-00-10", "2022-01-00", "2022-04-31", "22-07-01",
            "2022-07", "2022-07-01-01", "abcd-ef-gh", "20221301", "20220230", "2022--01", "2022-7-1x",
            "July 1 2022", "2022年7月", "0000-01-01", "202207011", "2022071",
            "2023-02-29", "1900-02-29",
        ])
    func rejects(text: String) {
        #expect(CivilDate(parsing: text) == nil)
    }

    @Test(
        "leap years follow the Gregorian rule",
        arguments: [
            (2000, true), (2004, true), (2024, true), (1996, true), (1600, true),
            (1900, false), (2100, false), (2023, false), (2022, false), (1800, false),
        ])
    func leapYears(year: Int, leap: Bool) {
        // given a year
        // then it is leap exactly when the rule says, and 29 February exists exactly then
        #expect(CivilDate.isLeap(year) == leap)
        #expect(CivilDate.daysIn(month: 2, year: year) == (leap ? 29 : 28))
        #expect((CivilDate(year: year, month: 2, day: 29) != nil) == leap)
    }

    @Test("days in each month", arguments: zip(1...12, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]))
    func daysInMonth(month: Int, days: Int) {
        #expect(CivilDate.daysIn(month: month, year: 2023) == days)
        #expect(CivilDate(year: 2023, month: month, day: days) != nil)
        #expect(CivilDate(year: 2023, month: month, day: days + 1) == nil)
    }

    @Test(
        "the constructor refuses impossible parts",
        arguments: [
            (0, 1, 1), (10000, 1, 1), (2022, 0, 1), (2022, 13, 1), (2022, 1, 0), (2022, 1, 32), (2022, 6, 31),
        ])
    func constructorRefuses(year: Int, month: Int, day: Int) {
        #expect(CivilDate(year: year, month: month, day: day) == nil)
    }

    @Test(
        "known day numbers",
        arguments: [
            ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11017),
            ("2022-07-01", 19174), ("1900-01-01", -25567),
        ])
    func knownDayNumbers(text: String, number: Int) {
        // given a day whose number is known from Unix time
        // then dayNumber gives it, and the number gives the day back
        #expect(date(text).dayNumber == number)
        #expect(CivilDate(dayNumber: number) == date(text))
    }

    @Test("dayNumber counts every day from 1899 to 2101 without gaps")
    func dayNumberRoundTrip() {
        // given 1 January 1899, stepped forward day by day with an independent calendar
        var (y, m, d) = (1899, 1, 1)
        var expected = CivilDate(year: y, month: m, day: d)!.dayNumber
        while y < 2101 {
            // when a day's number is taken and turned back into a day
            let day = CivilDate(year: y, month: m, day: d)!
            // then it is one more than yesterday's, and the round trip is exact
            #expect(day.dayNumber == expected)
            #expect(CivilDate(dayNumber: expected) == day)
            expected += 1
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
            let length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
            d += 1
            if d > length {
                d = 1
                m += 1
            }
            if m > 12 {
                m = 1
                y += 1
            }
        }
    }

    @Test(
        "adding months clamps to the end of shorter months",
        arguments: [
            ("2022-01-31", 1, "2022-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2022-03-31", -1, "2022-02-28"),
            ("2022-12-15", 1, "2023-01-15"), ("2023-01-15", -1, "2022-12-15"), ("2022-05-31", 1, "2022-06-30"),
            ("2022-08-31", 13, "2023-09-30"), ("2022-07-01", 0, "2022-07-01"), ("2006-07-01", 240, "2026-07-01"),
            ("2022-01-01", -13, "2020-12-01"), ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 48, "2028-02-29"),
        ])
    func addingMonths(start: String, months: Int, end: String) {
        #expect(date(start).adding(months: months) == date(end))
    }

    @Test("adding years is twelve months")
    func addingYears() {
        #expect(date("2024-02-29").adding(years: 1) == date("2025-02-28"))
        #expect(date("2006-07-01").adding(years: 20) == date("2026-07-01"))
        #expect(date("2010-06-01").adding(years: 20).adding(days: -1) == date("2030-05-31"))
    }

    @Test(
        "adding and counting days",
        arguments: [
            ("2022-12-31", 1, "2023-01-01"), ("2024-02-28", 1, "2024-02-29"), ("2023-02-28", 1, "2023-03-01"),
            ("2022-07-01", -1, "2022-06-30"), ("2022-07-01", 6, "2022-07-07"), ("2022-01-01", 365, "2023-01-01"),
        ])
    func addingDays(start: String, days: Int, end: String) {
        #expect(date(start).adding(days: days) == date(end))
        #expect(date(start).days(until: date(end)) == days)
    }

    @Test(
        "first of next month",
        arguments: [
            ("2010-05-15", "2010-06-01"), ("2010-05-01", "2010-06-01"), ("2010-05-31", "2010-06-01"),
            ("2022-12-15", "2023-01-01"), ("2024-01-31", "2024-02-01"),
        ])
    func firstOfNextMonth(start: String, first: String) {
        #expect(date(start).firstOfNextMonth == date(first))
    }

    @Test(
        "today is taken in China Standard Time",
        arguments: [
            ("2022-06-30T15:59:59Z", "2022-06-30"),  // 23:59:59 in Beijing
            ("2022-06-30T16:00:00Z", "2022-07-01"),  // midnight in Beijing
            ("2022-06-30T00:00:00Z", "2022-06-30"),  // 08:00 in Beijing
            ("2022-12-31T16:00:00Z", "2023-01-01"),
            ("1970-01-01T00:00:00Z", "1970-01-01"),
            ("1969-12-31T15:59:59Z", "1969-12-31"),
            ("1969-12-31T16:00:00Z", "1970-01-01"),
            ("1969-12-30T16:00:00Z", "1969-12-31"),
        ])
    func todayInUTC8(instant: String, day: String) throws {
        // given an instant in UTC
        let now = try #require(ISO8601DateFormatter().date(from: instant))
        // when today is asked / then it is the Beijing calendar day
        #expect(CivilDate.today(now: now) == date(day))
    }

    @Test("today just before midnight UTC+8 with fractions of a second")
    func todayFractional() {
        // given 16:00:00 UTC minus half a second
        let midnight = date("2022-07-01").dayNumber * 86_400 - 8 * 3_600
        // then it is still the previous day, and half a second after it is the next
        #expect(CivilDate.today(now: Date(timeIntervalSince1970: Double(midnight) - 0.5)) == date("2022-06-30"))
        #expect(CivilDate.today(now: Date(timeIntervalSince1970: Double(midnight) + 0.5)) == date("2022-07-01"))
    }

    @Test("text forms")
    func textForms() {
        #expect(date("2022-7-1").iso == "2022-07-01")
        #expect(date("2022-7-1").description == "2022-07-01")
        #expect(date("2022-07-01").chinese == "2022年7月1日")
        #expect(date("0999-01-05").iso == "0999-01-05")
    }

    @Test(
        "ordering",
        arguments: [
            ("2022-07-01", "2022-07-02"), ("2022-06-30", "2022-07-01"), ("2021-12-31", "2022-01-01"),
        ])
    func ordering(earlier: String, later: String) {
        #expect(date(earlier) < date(later))
        #expect(!(date(later) < date(earlier)))
        #expect(date(earlier) != date(later))
    }

    @Test("Codable uses yyyy-MM-dd and refuses bad dates")
    func codable() throws {
        let data = try JSONEncoder().encode([date("2022-7-1")])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2022-07-01\"]")
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date("2022-07-01")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data("[\"2022-02-30\"]".utf8))
        }
    }
}
