import Foundation
import ResettleCore
import Testing

@Suite("PaymentPeriod")
struct PaymentPeriodTests {
    @Test(
        "labels parse and print",
        arguments: [
            ("2022Q3", 2022, 3, 4, "2022年第3季度"), ("2022Q1", 2022, 1, 4, "2022年第1季度"),
            ("2022H1", 2022, 1, 2, "2022年上半年"), ("2022H2", 2022, 2, 2, "2022年下半年"),
            ("2022M07", 2022, 7, 12, "2022年7月"), ("2022M12", 2022, 12, 12, "2022年12月"),
            ("2022Y", 2022, 1, 1, "2022年度"),
        ])
    func labels(label: String, year: Int, index: Int, perYear: Int, chinese: String) throws {
        // given a label
        let period = try #require(PaymentPeriod(label: label))
        // then it names that period, prints back the same, and has its Chinese name
        #expect(period == PaymentPeriod(year: year, index: index, periodsPerYear: perYear))
        #expect(period.label == label)
        #expect(period.description == label)
        #expect(period.chinese == chinese)
    }

    @Test("labels are read case- and space-insensitively", arguments: [("2022q3", "2022Q3"), (" 2022M7 ", "2022M07")])
    func lenientLabels(text: String, label: String) {
        #expect(PaymentPeriod(label: text)?.label == label)
    }

    @Test(
        "bad labels are nil",
        arguments: ["", "2022", "2022Q5", "2022Q0", "2022H3", "2022M13", "2022YY", "2022X1", "Q3", "abcdQ1", "0000Q1"])
    func badLabels(text: String) {
        #expect(PaymentPeriod(label: text) == nil)
    }

    @Test(
        "the constructor refuses impossible periods",
        arguments: [
            (2022, 0, 4), (2022, 5, 4), (2022, 1, 5), (2022, 1, 7), (0, 1, 4), (2022, 13, 12),
        ])
    func refuses(year: Int, index: Int, perYear: Int) {
        #expect(PaymentPeriod(year: year, index: index, periodsPerYear: perYear) == nil)
    }

    @Test(
        "start and end of quarters",
        arguments: [
            (1, "2022-01-01", "2022-03-31"), (2, "2022-04-01", "2022-06-30"),
            (3, "2022-07-01", "2022-09-30"), (4, "2022-10-01", "2022-12-31"),
        ])
    func quarters(index: Int, start: String, end: String) {
        let q = quarter(2022, index)
        #expect(q.start == date(start))
        #expect(q.end == date(end))
        #expect(q.monthsLong == 3)
    }

    @Test("start and end of halves, months and the year")
    func otherLengths() {
        #expect(PaymentPeriod(label: "2024H1")!.end == date("2024-06-30"))
        #expect(PaymentPeriod(label: "2024H2")!.start == date("2024-07-01"))
        #expect(PaymentPeriod(label: "2024M02")!.end == date("2024-02-29"))
        #expect(PaymentPeriod(label: "2023M02")!.end == date("2023-02-28"))
        #expect(PaymentPeriod(label: "2023M12")!.end == date("2023-12-31"))
        #expect(PaymentPeriod(label: "2023Y")!.start == date("2023-01-01"))
        #expect(PaymentPeriod(label: "2023Y")!.end == date("2023-12-31"))
        #expect(PaymentPeriod(year: 2023, index: 2, periodsPerYear: 3)!.start == date("2023-05-01"))
        #expect(PaymentPeriod(year: 2023, index: 6, periodsPerYear: 6)!.end == date("2023-12-31"))
    }

    @Test(
        "the period containing a date",
        arguments: [
            ("2022-01-01", "2022Q1"), ("2022-03-31", "2022Q1"), ("2022-04-01", "2022Q2"),
            ("2022-09-30", "2022Q3"), ("2022-12-31", "2022Q4"),
        ])
    func containing(day: String, label: String) {
        #expect(PaymentPeriod(containing: date(day)).label == label)
    }

    @Test(
        "next and previous cross year edges",
        arguments: [
            ("2022Q4", "2023Q1"), ("2022Q1", "2022Q2"), ("2022H2", "2023H1"), ("2022M12", "2023M01"),
            ("2022Y", "2023Y"), ("2022M06", "2022M07"),
        ])
    func nextAndPrevious(label: String, nextLabel: String) {
        let period = PaymentPeriod(label: label)!
        #expect(period.next.label == nextLabel)
        #expect(period.next.previous == period)
        #expect(PaymentPeriod(label: nextLabel)!.previous.label == label)
        #expect(period < period.next)
        #expect(period.end.adding(days: 1) == period.next.start)
    }

    @Test("quarters tile the calendar with no gap or overlap from 2000 to 2040")
    func quartersTile() {
        var q = quarter(2000, 1)
        while q.year < 2040 {
            #expect(q.end.adding(days: 1) == q.next.start)
            #expect(PaymentPeriod(containing: q.start) == q)
            #expect(PaymentPeriod(containing: q.end) == q)
            q = q.next
        }
    }

    @Test(
        "a change takes effect from the period after approval",
        arguments: [
            ("2022-03-31", "2022Q2"), ("2022-04-01", "2022Q3"), ("2022-12-31", "2023Q1"), ("2023-01-01", "2023Q2"),
            ("2022-09-30", "2022Q4"), ("2022-07-01", "2022Q4"), ("2022-06-30", "2022Q3"), ("2022-10-01", "2023Q1"),
        ])
    func effectivePeriod(approved: String, label: String) {
        #expect(PaymentPeriod.effectivePeriod(approvedOn: date(approved)).label == label)
    }

    @Test("the effective-period rule for other period lengths")
    func effectivePeriodOtherLengths() {
        #expect(PaymentPeriod.effectivePeriod(approvedOn: date("2022-06-30"), periodsPerYear: 2).label == "2022H2")
        #expect(PaymentPeriod.effectivePeriod(approvedOn: date("2022-07-01"), periodsPerYear: 2).label == "2023H1")
        #expect(PaymentPeriod.effectivePeriod(approvedOn: date("2022-12-31"), periodsPerYear: 12).label == "2023M01")
        #expect(PaymentPeriod.effectivePeriod(approvedOn: date("2022-12-31"), periodsPerYear: 1).label == "2023Y")
    }

    @Test("periods round-trip through JSON")
    func codable() throws {
        let data = try JSONEncoder().encode(quarter(2022, 3))
        #expect(try JSONDecoder().decode(PaymentPeriod.self, from: data) == quarter(2022, 3))
    }
}
