import Foundation
import ResettleBench
import ResettleCore
import Testing

@testable import ResettleOffice

/// Reconciling a roll file against a bank result file: the differences are the Core
/// reconciler's, whatever the file format, encoding or sharding; bad files give every problem
/// with its file, row and column, and no report.
struct ReconcileFilesTests {
    static let rollHeader = ["身份证号", "姓名", "银行卡号", "金额"]
    static let bankHeader = ["身份证号", "姓名", "银行卡号", "实发金额", "状态", "失败原因", "交易日期"]

    static func rollRows(_ fixture: ReconcileFixture) -> [[String]] {
        [rollHeader] + fixture.roll.map { [$0.idNumber, $0.name, $0.card, Money.yuan($0.amountFen)] }
    }

    static func bankRows(_ fixture: ReconcileFixture) -> [[String]] {
        [bankHeader]
            + fixture.paid.map {
                [$0.idNumber, $0.name, $0.card, Money.yuan($0.amountFen), $0.status, "", "2024-07-15"]
            }
    }

    static func csv(_ rows: [[String]], encoding: TextEncoding = .utf8) -> Data {
        CSVWriter.data(rows: rows, encoding: encoding)
    }

    static func reconcile(roll: Data, _ rollName: String = "roll.csv", bank: Data, _ bankName: String = "bank.csv")
        throws(ReconcileFilesError) -> ReconciliationReport
    {
        try ReconcileFiles.reconcile(
            roll: ReconcileInput(data: roll, fileName: rollName),
            bank: ReconcileInput(data: bank, fileName: bankName))
    }

    /// The error thrown by reconciling, or nil when a report came out.
    static func failure(roll: Data, bank: Data) -> ReconcileFilesError? {
        do {
            _ = try reconcile(roll: roll, bank: bank)
            return nil
        } catch {
            return error
        }
    }

    static let goodBank = csv([
        bankHeader, ["430582199001011231", "张三", "6217000000000000001", "150.00", "成功", "", ""],
    ])

    // MARK: Differences

    @Test func findsExactlyTheInjectedDifferencesWithAGBKBankFile() throws {
        // given
        let fixture = ReconcileFixtures.makeFiles(rows: 4_000, seed: 11)
        let roll = Self.csv(Self.rollRows(fixture), encoding: .utf8BOM)
        let bank = Self.csv(Self.bankRows(fixture), encoding: .gb18030)

        // when
        let report = try Self.reconcile(roll: roll, bank: bank)

        // then
        #expect(report.differences == fixture.expected)
        #expect(report.rollRowCount == fixture.roll.count)
        #expect(report.paidRowCount == fixture.paid.count)
        #expect(Set(report.differences.map(\.kind)) == Set(ReconciliationDifference.Kind.allCases))
        #expect(report.csv == Reconciler().reconcile(roll: fixture.roll, paid: fixture.paid).csv)
    }

    @Test(arguments: [1, 2, 7, 256])
    func anyShardCountGivesTheWholeFileResult(shards: Int) throws {
        // given
        let fixture = ReconcileFixtures.makeFiles(rows: 3_000, seed: 5)
        let roll = try #require(
            ReconcileFileReader.read(
                ReconcileInput(data: Self.csv(Self.rollRows(fixture)), fileName: "roll.csv"),
                layout: .roll, limits: .default
            ).rows)
        let bank = try #require(
            ReconcileFileReader.read(
                ReconcileInput(data: Self.csv(Self.bankRows(fixture)), fileName: "bank.csv"),
                layout: .bank, limits: .default
            ).rows)

        // when
        let report = ReconcileShards.reconcile(roll: roll, paid: bank, reconciler: Reconciler(), shardCount: shards)

        // then
        #expect(report.differences == fixture.expected)
    }

    @Test func readsAWorkbookLikeACSVFile() throws {
        // given
        let fixture = ReconcileFixtures.makeFiles(rows: 500, seed: 3)
        let rows = fixture.roll.map { record -> [XLSXCell] in
            [.text(record.idNumber), .text(record.name), .text(record.card), .fen(record.amountFen)]
        }
        let workbook = try XLSXWriter.data(sheets: [XLSXSheet(name: "花名册", header: Self.rollHeader, rows: rows)])

        // when
        let report = try Self.reconcile(roll: workbook, "roll.xlsx", bank: Self.csv(Self.bankRows(fixture)))

        // then
        #expect(report.differences == fixture.expected)
    }

    @Test func acceptsEnglishHeadersTitleRowsAndCSVQuirks() throws {
        // given: a title row, a BOM, CRLF, quoted cells with commas and quotes, a blank line, a
        // short row, 15-digit and lower-case-x IDs, blanks inside names and cards.
        let roll = Data(
            ("\u{FEFF}2024年第三季度发放花名册,,,\r\n"
                + "id_number,name,card_number,amount,note\r\n"
                + "11010519491231002x,\"王,五\",6217 0000 0000 0000 002,150,\"注\"\"释\"\r\n"
                + "\r\n"
                + "430582900101123,张三,6217000000000000001,150.5\r\n"
                + " 430582199202024004 ,李四,6217000000000000009,150.00\r\n").utf8)
        let bank = Data(
            ("身份证号,姓名,卡号,金额,状态\n"
                + "11010519491231002X,王 五,6217000000000000002,150.00,SUCCESS\n"
                + "430582199202024004,李　四,6217000000000000009,150.00,账户已冻结\n"
                + "430582190001011230,赵六,6217000000000000007,75,成功\n").utf8)

        // when
        let report = try Self.reconcile(roll: roll, bank: bank)

        // then
        #expect(
            report.csv == """
                kind,id_number,detail
                name_mismatch,11010519491231002X,"roll=王,五|paid=王五"
                paid_not_in_roll,430582190001011230,amount=75.00
                in_roll_not_paid,430582199001011231,amount=150.50
                payment_failed,430582199202024004,status=账户已冻结

                """)
        #expect(report.rollRowCount == 3)
    }

    @Test func duplicatesAreReportedOnlyAsDuplicatesAcrossSpellings() throws {
        // given: one person three times in the roll (18 digits, 15 digits, padded) and twice paid.
        let roll = Self.csv([
            Self.rollHeader,
            ["430582199001011231", "张三", "6217000000000000001", "150.00"],
            ["430582900101123", "张三", "6217000000000000001", "150.00"],
            ["\u{3000}430582199001011231", "张三", "6217000000000000001", "150.00"],
        ])
        let bank = Self.csv([
            Self.bankHeader,
            ["430582199001011231", "张山", "6217000000000000002", "1.00", "失败", "", ""],
            ["430582199001011231", "张三", "6217000000000000001", "150.00", "成功", "", ""],
        ])

        // when
        let report = try Self.reconcile(roll: roll, bank: bank)

        // then
        #expect(
            report.csv == """
                kind,id_number,detail
                duplicate_in_paid,430582199001011231,count=2
                duplicate_in_roll,430582199001011231,count=3

                """)
    }

    // MARK: Problems

    @Test func refusesThousandsSeparatorsAndCurrencyWordsNamingRowAndColumn() {
        // given
        let roll = Self.csv([
            Self.rollHeader,
            ["430582199001011231", "张三", "6217000000000000001", "1,500.00"],
            ["430582199202024004", "李四", "6217000000000000002", "150元"],
            ["430582199202024004", "李四", "6217000000000000002", "150.00"],
        ])

        // when
        let error = Self.failure(roll: roll, bank: Self.goodBank)

        // then
        #expect(error?.totalCount == 2)
        #expect(error?.issues.map(\.code) == ["invalid_amount", "invalid_amount"])
        #expect(error?.issues.map(\.row) == [2, 3])
        #expect(error?.issues.map(\.column) == ["金额", "金额"])
        #expect(error?.issues.map(\.file) == ["roll.csv", "roll.csv"])
        #expect(error?.issues[0].message.contains("千位分隔符") == true)
        #expect(error?.issues[1].message.contains("150元") == true)
    }

    @Test func refusesBlankIDsAndRoundedNumbersAndCollectsBothFiles() {
        // given
        let roll = Self.csv([
            Self.rollHeader,
            ["", "张三", "6217000000000000001", "150.00"],
            ["4.30582E+17", "李四", "6217000000000000002", "150.00"],
        ])
        let bank = Self.csv([
            Self.bankHeader,
            ["430582199001011231", "张三", "6.21700E+18", "150.00", "成功", "", ""],
            ["\u{3000} ", "王五", "6217000000000000003", "150", "成功", "", ""],
        ])

        // when
        let error = Self.failure(roll: roll, bank: bank)

        // then
        #expect(error?.totalCount == 4)
        #expect(
            error?.issues.map(\.code) == ["blank_id_number", "damaged_number", "damaged_number", "blank_id_number"])
        #expect(error?.issues.map(\.file) == ["roll.csv", "roll.csv", "bank.csv", "bank.csv"])
        #expect(error?.issues.map(\.column) == ["身份证号", "身份证号", "银行卡号", "身份证号"])
        #expect(error?.issues.map(\.row) == [2, 3, 2, 3])
        #expect(error?.description.contains("bank.csv:3:身份证号: 银行结果第 3 行“身份证号”列") == true)
    }

    @Test func keepsTheFirstHundredIssuesAndCountsTheRest() {
        // given
        let bad = (0..<150).map { _ in ["430582199001011231", "张三", "6217000000000000001", "1,500"] }
        let roll = Self.csv([Self.rollHeader] + bad)

        // when
        let error = Self.failure(roll: roll, bank: Self.goodBank)

        // then
        #expect(error?.issues.count == ReconcileFilesError.shownLimit)
        #expect(error?.totalCount == 150)
        #expect(error?.description.contains("共 150 处问题") == true)
    }

    @Test func reportsMissingColumnsOfEachFile() {
        // given
        let roll = Self.csv([["身份证号", "姓名", "银行卡号"], ["430582199001011231", "张三", "6217000000000000001"]])
        let bank = Self.csv([
            ["身份证号", "姓名", "银行卡号", "金额"], ["430582199001011231", "张三", "6217000000000000001", "150"],
        ])

        // when
        let error = Self.failure(roll: roll, bank: bank)

        // then
        #expect(error?.issues.map(\.code) == ["missing_column", "missing_column"])
        #expect(error?.issues[0].message.contains("“金额”") == true)
        #expect(error?.issues[1].message.contains("“状态”") == true)
    }

    @Test func reportsAnEmptyFile() {
        // when
        let error = Self.failure(roll: Data(), bank: Self.goodBank)

        // then
        #expect(error?.issues.map(\.code) == ["empty_file"])
        #expect(error?.issues.first?.file == "roll.csv")
    }

    @Test func readsAGBKFileAndRefusesUndecodableText() throws {
        // given
        let rows = [Self.rollHeader, ["430582199001011231", "欧阳建国", "6217000000000000001", "150.00"]]
        let gbk = Self.csv(rows, encoding: .gb18030)
        let garbage = Data([0xFF, 0x80, 0x81, 0xFE, 0x30, 0xFF])

        // when
        let report = try Self.reconcile(roll: gbk, bank: Self.csv([Self.bankHeader]))
        let error = Self.failure(roll: garbage, bank: Self.goodBank)

        // then
        #expect(gbk != Self.csv(rows))
        #expect(report.csv == "kind,id_number,detail\nin_roll_not_paid,430582199001011231,amount=150.00\n")
        #expect(error?.issues.map(\.code) == ["unknown_encoding"])
    }

    @Test func refusesAnUnterminatedQuoteWithItsRow() {
        // given
        let roll = Data("身份证号,姓名,银行卡号,金额\n430582199001011231,\"张三,6217000000000000001,150\n".utf8)

        // when
        let error = Self.failure(roll: roll, bank: Self.goodBank)

        // then
        #expect(error?.issues.map(\.code) == ["malformed_csv"])
        #expect(error?.issues.first?.row == 2)
    }

    @Test func writesTheReportFile() throws {
        // given
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "reconcile-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = ReconcileFixtures.makeFiles(rows: 300, seed: 9)
        let roll = directory.appendingPathComponent("roll.csv")
        let bank = directory.appendingPathComponent("bank.csv")
        let output = directory.appendingPathComponent("report.csv")
        try Self.csv(Self.rollRows(fixture)).write(to: roll)
        try Self.csv(Self.bankRows(fixture)).write(to: bank)

        // when
        let report = try ReconcileFiles.reconcile(rollFile: roll, bankFile: bank, output: output)

        // then
        #expect(try String(contentsOf: output, encoding: .utf8) == report.csv)
        #expect(report.differences == fixture.expected)
    }

    // MARK: The fast CSV path

    @Test func fastCSVPathReadsWhatTheTableReaderReads() throws {
        // given
        let text =
            "标题,,,\n\n身份证号,备注,姓名,卡号,金额\r\n"
            + "\"4305\"\"82\",\"a,b\",\"王\r\n五\",\" 6217 \",1\n"
            + "  ,,,,\n"
            + "x\u{3000},\"\",\u{00A0}李四\u{FEFF},62,\"2.5\"\n"
            + "y,\"q\"tail,赵,,3.25"
        let data = Data(text.utf8)

        // when
        let table = try TableReader.read(data, fileName: "t.csv", columns: ReconcileLayout.roll.columns)
        let store = try #require(
            ReconcileFileReader.read(
                ReconcileInput(data: data, fileName: "t.csv"), layout: .roll,
                limits: .default
            ).rows)
        var fastRows: [[String]] = []
        for shard in 0..<ReconcileRowStore.bucketCount {
            store.forEachRow(shard: shard, of: ReconcileRowStore.bucketCount) { fields, fen in
                fastRows.append(fields.map { String(decoding: $0, as: UTF8.self) } + [Money.yuan(fen)])
            }
        }

        // then
        let tableRows = table.rows.map { row in
            [row[0], row[1], row[2], Money.yuan((try? Money.parseYuan(row[3])) ?? -1)]
        }
        #expect(
            fastRows.sorted { $0.lexicographicallyPrecedes($1) }
                == tableRows.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(tableRows.count == 3)
    }

    @Test func spellingsOfOneIDShareAShard() {
        // given
        let spellings = [
            "11010519491231002X", "11010519491231002x", " 11010519491231002X\u{3000}", "110105491231002",
            "\u{2003}11010519491231002x", "110105194912310029",
        ]

        // when
        let hashes = spellings.map { IDShard.hash($0) }

        // then: the first five are one person; the last (wrong check digit) is its own key.
        #expect(Set(hashes.prefix(5)).count == 1)
        #expect(ResidentID.comparisonKey(spellings[5]) != ResidentID.comparisonKey(spellings[0]))
        #expect(IDShard.hash(ResidentID.comparisonKey(spellings[5])) == hashes[5])
    }
}
