import ResettleCore
import Testing

@Suite("Money")
struct MoneyTests {
    @Test(
        "yuan prints two decimals and keeps the sign",
        arguments: [
            (Int64(0), "0.00"), (1, "0.01"), (10, "0.10"), (99, "0.99"), (100, "1.00"), (15_000, "150.00"),
            (15_050, "150.50"), (15_005, "150.05"), (-320, "-3.20"), (-1, "-0.01"), (-15_000, "-150.00"),
            (733_906_000, "7339060.00"), (Int64.max, "92233720368547758.07"), (Int64.min, "-92233720368547758.08"),
        ])
    func yuan(fen: Int64, text: String) {
        #expect(Money.yuan(fen) == text)
    }

    @Test("yuanLabel adds 元")
    func yuanLabel() {
        #expect(Money.yuanLabel(15_000) == "150.00元")
        #expect(Money.yuanLabel(-5) == "-0.05元")
    }

    @Test(
        "wan prints 万元 with two decimals, rounded half up",
        arguments: [
            (Int64(7_339_060_000), "7339.06"),  // the seed's total, 7339.06万元
            (5_689_060_000, "5689.06"),  // 第一批到县资金
            (733_906_000, "733.91"),
            (0, "0.00"),
            (4_999, "0.00"),  // 0.004999 万元
            (5_000, "0.01"),  // 0.005 万元 rounds up
            (10_000, "0.01"),
            (14_999, "0.01"),
            (15_000, "0.02"),
            (1_000_000, "1.00"),
            (210_000_000, "210.00"),  // a key village, 210万元
            (-7_339_060_000, "-7339.06"),
            (-15_000, "-0.02"),  // negatives round away from zero, like their magnitude
            (-4_999, "0.00"),  // a negative that rounds to nothing prints no sign
        ])
    func wan(fen: Int64, text: String) {
        #expect(Money.wan(fen) == text)
    }

    @Test(
        "parseYuan accepts plain amounts",
        arguments: [
            ("150", Int64(15_000)), ("150.5", 15_050), ("150.00", 15_000), ("-3.20", -320), ("0", 0),
            ("0.01", 1), (".5", 50), ("+7", 700), (" 150.00 ", 15_000), ("\u{3000}150\u{3000}", 15_000),
            ("150.", 15_000), ("-0.05", -5), ("7339.06", 733_906),
        ])
    func parseAccepts(text: String, fen: Int64) throws {
        #expect(try Money.parseYuan(text) == fen)
    }

    @Test(
        "parseYuan refuses what a person must look at",
        arguments: [
            ("1,500.00", MoneyError.thousandsSeparator("1,500.00")),
            ("150元", .notANumber("150元")),
            ("1.234", .tooManyDecimals("1.234")),
            ("", .empty),
            ("  ", .empty),
            ("-", .notANumber("-")),
            (".", .notANumber(".")),
            ("1.2.3", .notANumber("1.2.3")),
            ("abc", .notANumber("abc")),
            ("１５０", .notANumber("１５０")),
            ("1 500", .notANumber("1 500")),
            ("--3", .notANumber("--3")),
            ("99999999999999", .tooLarge("99999999999999")),
        ])
    func parseRefuses(text: String, error: MoneyError) {
        #expect(throws: error) { try Money.parseYuan(text) }
    }

    @Test("parseYuan and yuan round-trip")
    func roundTrip() throws {
        var rng = SeededGenerator(seed: 600)
        for _ in 0..<500 {
            let fen = Int64.random(in: -10_000_000_000...10_000_000_000, using: &rng)
            #expect(try Money.parseYuan(Money.yuan(fen)) == fen)
        }
    }

    @Test("errors explain themselves in Chinese")
    func messages() {
        #expect(MoneyError.empty.message == "金额为空")
        #expect(MoneyError.thousandsSeparator("1,500.00").message.contains("1,500.00"))
        #expect(MoneyError.tooManyDecimals("1.234").message.contains("两位小数"))
        #expect(MoneyError.notANumber("150元").message.contains("150元"))
        #expect(MoneyError.tooLarge("1").message.contains("过大"))
    }
}
