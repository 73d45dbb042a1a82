import Foundation
import ResettleBench
import Testing

@testable import ResettleOffice

/// Our writer's output read back by our reader.
struct XLSXWriterTests {
    static let sheets = [
        XLSXSheet(
            name: "花名册", header: ["姓名", "身份证号", "银行卡号", "补助金额", "核定日期", "人数", "备注"],
            columnWidths: [10, 22, 24, 12, 12],
            rows: [
                [
                    .text("张三"), .text("43058219900101123X"), .text("6228480012345678901"), .fen(60_050),
                    .date(year: 2024, month: 3, day: 1), .integer(4), .text(" 前后空格 "),
                ],
                [
                    .text("李<四>&"), .text("430582200012310016"), .text("6217001234567890123"), .fen(-5),
                    .date(year: 1900, month: 1, day: 1), .integer(-12), .empty,
                ],
                [
                    .text("王五"), .empty, .text("0012"), .fen(0), .date(year: 1899, month: 12, day: 31),
                    .integer(1_000_000_000_000_000), .text("第一行\n第二行"),
                ],
            ]),
        XLSXSheet(name: "汇总", header: ["乡镇", "金额"], rows: [[.text("城关镇"), .fen(123_456_789_012)]]),
    ]

    @Test func roundTrip() throws {
        // given
        let data = try XLSXWriter.data(sheets: Self.sheets)

        // when
        let reader = try XLSXReader(data: data, fileName: "export.xlsx")
        let rows = try reader.rows()
        let summary = try reader.rows(sheet: "汇总")

        // then
        #expect(reader.sheetNames == ["花名册", "汇总"])
        #expect(rows.map(\.number) == [1, 2, 3, 4])
        #expect(rows[0].cells == ["姓名", "身份证号", "银行卡号", "补助金额", "核定日期", "人数", "备注"])
        #expect(
            rows[1].cells == ["张三", "43058219900101123X", "6228480012345678901", "600.5", "2024-03-01", "4", " 前后空格 "])
        #expect(rows[2].cells == ["李<四>&", "430582200012310016", "6217001234567890123", "-0.05", "1900-01-01", "-12"])
        #expect(rows[3].cells == ["王五", "", "0012", "0", "1899-12-31", "1000000000000000", "第一行\n第二行"])
        #expect(rows.allSatisfy { $0.damagedColumns.isEmpty })
        #expect(summary.map(\.cells) == [["乡镇", "金额"], ["城关镇", "1234567890.12"]])
    }

    @Test func partsAreWhatExcelNeeds() throws {
        // given
        let data = try XLSXWriter.data(sheets: Self.sheets)
        let zip = try ZipReader(source: ByteSource(data: data, fileName: "x.xlsx"), limits: .default)
        func part(_ name: String) throws -> String {
            String(decoding: try zip.readAll(try #require(zip.entry(named: name))), as: UTF8.self)
        }

        // when
        let sheet = try part("xl/worksheets/sheet1.xml")
        let styles = try part("xl/styles.xml")

        // then: frozen bold header, widths, text IDs, two-decimal money from fen, date serials
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<col min="2" max="2" width="22.00" customWidth="1"/>"#))
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr"><is><t>姓名</t></is></c>"#))
        #expect(sheet.contains(#"<c r="B2" s="2" t="inlineStr"><is><t>43058219900101123X</t></is></c>"#))
        #expect(sheet.contains(#"<c r="D2" s="3"><v>600.50</v></c>"#))
        #expect(sheet.contains(#"<c r="D3" s="3"><v>-0.05</v></c>"#))
        #expect(sheet.contains(#"<c r="E2" s="4"><v>45352</v></c>"#))
        #expect(sheet.contains(#"<c r="E3" s="2" t="inlineStr"><is><t>1900-01-01</t></is></c>"#))
        #expect(sheet.contains(#"<c r="F4" s="2" t="inlineStr"><is><t>1000000000000000</t></is></c>"#))
        #expect(sheet.contains(#"<t xml:space="preserve"> 前后空格 </t>"#))
        #expect(sheet.contains("李&lt;四&gt;&amp;"))
        #expect(styles.contains(#"<font><b/>"#))
        #expect(styles.contains(#"<numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/>"#))
    }

    @Test func moneyTextFromFen() {
        #expect(XLSXStreamWriter.yuan(fromFen: 0) == "0.00")
        #expect(XLSXStreamWriter.yuan(fromFen: 7) == "0.07")
        #expect(XLSXStreamWriter.yuan(fromFen: -7) == "-0.07")
        #expect(XLSXStreamWriter.yuan(fromFen: 123_456) == "1234.56")
        #expect(XLSXStreamWriter.yuan(fromFen: Int64.max) == "92233720368547758.07")
        #expect(XLSXStreamWriter.yuan(fromFen: Int64.min) == "-92233720368547758.08")
        #expect(XLSXStreamWriter.letters(0) == Array("A".utf8))
        #expect(XLSXStreamWriter.letters(25) == Array("Z".utf8))
        #expect(XLSXStreamWriter.letters(26) == Array("AA".utf8))
        #expect(XLSXStreamWriter.letters(16_383) == Array("XFD".utf8))
    }

    @Test func invalidInputIsRejected() {
        #expect(throws: OfficeWriteError.noSheets) { try XLSXWriter.data(sheets: []) }
        #expect(throws: OfficeWriteError.invalidSheetName("a/b")) {
            try XLSXWriter.data(sheets: [XLSXSheet(name: "a/b", header: [], rows: [])])
        }
        #expect(throws: OfficeWriteError.invalidSheetName(String(repeating: "表", count: 32))) {
            try XLSXWriter.data(sheets: [XLSXSheet(name: String(repeating: "表", count: 32), header: [], rows: [])])
        }
        #expect(throws: OfficeWriteError.duplicateSheetName("Sheet")) {
            try XLSXWriter.data(sheets: [
                XLSXSheet(name: "sheet", header: [], rows: []), XLSXSheet(name: "Sheet", header: [], rows: []),
            ])
        }
        #expect(throws: OfficeWriteError.invalidDate(year: 2023, month: 2, day: 29)) {
            try XLSXWriter.data(sheets: [
                XLSXSheet(name: "S", header: [], rows: [[.date(year: 2023, month: 2, day: 29)]])
            ])
        }
        #expect(OfficeWriteError.invalidDate(year: 2023, month: 2, day: 29).description.contains("无效"))
    }

    @Test func streamingWriterToFileReadsBackThroughTableReader() throws {
        // given
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("register.xlsx")

        // when
        let writer = try XLSXStreamWriter(url: url)
        try writer.beginSheet(name: "花名册", header: OfficeBenchmark.header)
        for index in 0..<3_000 { try writer.appendRow(OfficeBenchmark.row(index)) }
        try writer.finish()
        let table = try TableReader.read(contentsOf: url, columns: OfficeBenchmark.columns)

        // then
        #expect(table.rows.count == 3_000)
        #expect(table.headerRowNumber == 1)
        #expect(table.warnings.isEmpty)
        let expected = OfficeBenchmark.row(2_999)
        guard case .text(let id) = expected[3], case .text(let card) = expected[4] else {
            Issue.record("unexpected cells")
            return
        }
        #expect(table.rows[2_999].rowNumber == 3_001)
        #expect(table.rows[2_999][3] == id)
        #expect(table.rows[2_999][4] == card)
        #expect(id.count == 18 && card.count == 19)
        #expect(table.rows[0].cells[10] == "600")
        #expect(table.rows[1].cells[10] == "723.45")
        #expect(table.rows[0].cells[11] == "2020-01-01")
    }
}
