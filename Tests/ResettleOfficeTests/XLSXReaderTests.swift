import Foundation
import Testing

@testable import ResettleOffice

/// Reading workbooks made by real software. How each fixture was made: Fixtures/README.md.
struct XLSXReaderTests {
    static let registerColumns = [
        ColumnSpec(key: "seq", names: ["序号"]),
        ColumnSpec(key: "name", names: ["姓名", "户主姓名"]),
        ColumnSpec(key: "id_number", names: ["身份证号", "id_number", "公民身份号码"]),
        ColumnSpec(key: "bank_card", names: ["银行卡号"]),
        ColumnSpec(key: "approved_on", names: ["核定日期"]),
        ColumnSpec(key: "amount", names: ["补助金额"]),
        ColumnSpec(key: "alive", names: ["是否在世"], required: false),
        ColumnSpec(key: "note", names: ["备注"], required: false),
        ColumnSpec(key: "phone", names: ["联系电话"], required: false),
    ]

    @Test func libreOfficeWorkbookReadsThroughTableReader() throws {
        // given: register.xlsx, converted by LibreOffice from sources/register.fods (title row,
        // text IDs, 19-digit cards, dates in two formats, a blank row, an ID typed as a number)
        let data = try Fixture.data("register.xlsx")

        // when
        let table = try TableReader.read(data, fileName: "register.xlsx", columns: Self.registerColumns)

        // then
        #expect(table.format == .xlsx)
        #expect(table.headerRowNumber == 2)
        #expect(
            table.presentColumns == ["seq", "name", "id_number", "bank_card", "approved_on", "amount", "alive", "note"])
        #expect(table.rows.map(\.rowNumber) == [3, 5, 6])
        #expect(
            table.rows[0].cells == [
                "1", "张三", "43058219900101123X", "6228480012345678901", "2024-03-01", "600.5", "1", "原迁移民", "",
            ])
        #expect(
            table.rows[1].cells == [
                "2", "李四", "430582199202024000", "6217001234567890123", "1999-12-31", "0.1", "0", "", "",
            ])
        #expect(
            table.rows[2].cells == [
                "3", "王五", "430582200012310016", "6228480000000000001", "1900-03-01", "-1234.25", "", "含逗号,和\"引号\"", "",
            ])
        #expect(table.rows[1].damagedCells == [2])
        #expect(table.rows[0].damagedCells.isEmpty)
        #expect(table.warnings.count == 1)
        let warning = try #require(table.warnings.first)
        #expect(warning.code == "damaged_number")
        #expect(warning.row == 5)
        #expect(warning.column == "身份证号")
        #expect(warning.message.hasPrefix("第 5 行“身份证号”列："))
        #expect(warning.description.hasPrefix("register.xlsx:5:身份证号: "))
        #expect(table.index(of: "bank_card") == 3)
        #expect(table.rows[0][try #require(table.index(of: "bank_card"))] == "6228480012345678901")
    }

    @Test func namedSheetAndSheetNames() throws {
        // given
        let reader = try XLSXReader(data: Fixture.data("register.xlsx"), fileName: "register.xlsx")

        // when
        let rows = try reader.rows(sheet: "汇总")

        // then
        #expect(reader.sheetNames == ["花名册", "汇总"])
        #expect(reader.uses1904DateSystem == false)
        #expect(rows.map(\.cells) == [["乡镇", "人数"], ["城关镇", "1024"]])
        #expect(rows.map(\.number) == [1, 2])
    }

    @Test func date1904WorkbookGivesTheSameDates() throws {
        // given: the same register saved by LibreOffice with the 1904 null date (date1904="true")
        let reader = try XLSXReader(data: Fixture.data("date1904.xlsx"), fileName: "date1904.xlsx")

        // when
        let rows = try reader.rows()

        // then
        #expect(reader.uses1904DateSystem)
        #expect(rows.first { $0.number == 3 }?.cells[4] == "2024-03-01")
        #expect(rows.first { $0.number == 5 }?.cells[4] == "1999-12-31")
        // 1900-03-01 precedes the 1904 epoch: LibreOffice stores -1401, which Excel cannot show
        // as a date either, so the number is reported as it is.
        #expect(rows.first { $0.number == 6 }?.cells[4] == "-1401")
    }

    @Test func handmadeWorkbookWithExcelAndWPSFeatures() throws {
        // given: handmade.xlsx from sources/make_handmade_xlsx.py: x: prefixes, no r attributes,
        // rich text with phonetic runs, inline strings, str/e/b/d cell types, custom formats
        let reader = try XLSXReader(data: Fixture.data("handmade.xlsx"), fileName: "handmade.xlsx")

        // when
        let rows = try reader.rows()

        // then
        #expect(reader.sheetNames == ["发放表"])
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(rows[0].cells == ["补助发放表"])
        #expect(rows[1].cells == ["姓名", "身份证号", "卡号", "日期", "金额", "状态", "备注"])
        #expect(rows[2].cells[0] == "张三丰")  // rich-text runs joined, <rPh> skipped
        #expect(rows[2].cells[1] == "430582199001011234")
        #expect(rows[2].damagedColumns == [2])  // 19-digit card stored as 6.2284800123456799E+18
        #expect(rows[2].cells[2] == "6228480012345680000")
        #expect(Array(rows[2].cells[3...]) == ["2024-02-29", "0.3", "TRUE", "合计"])
        #expect(rows[3].cells == [" 李四 ", "123456789012345", "#N/A", "2024-02-29", "0.0015", "FALSE", "<&>中文"])
        #expect(rows[3].damagedColumns.isEmpty)  // 15 digits are still exact
        #expect(rows[4].cells == ["王五", "12345", "", "", "12:00:00", "2024-02-29"])
    }

    @Test func numberRendering() {
        // given / when / then: General-format display of stored values
        #expect(XLSXNumberText.render(Array("42".utf8), kind: .number, date1904: false).text == "42")
        #expect(XLSXNumberText.render(Array("-7".utf8), kind: .number, date1904: false).text == "-7")
        #expect(XLSXNumberText.render(Array("3.0".utf8), kind: .number, date1904: false).text == "3")
        #expect(
            XLSXNumberText.render(Array("1234.5599999999999".utf8), kind: .number, date1904: false).text == "1234.56")
        #expect(XLSXNumberText.render(Array("1E-05".utf8), kind: .number, date1904: false).text == "0.00001")
        #expect(XLSXNumberText.render(Array("1.5E-12".utf8), kind: .number, date1904: false).text == "1.5E-12")
        #expect(
            XLSXNumberText.render(Array("999999999999999".utf8), kind: .number, date1904: false) == (
                "999999999999999", false
            ))
        #expect(
            XLSXNumberText.render(Array("1E+15".utf8), kind: .number, date1904: false) == ("1000000000000000", true))
        #expect(
            XLSXNumberText.render(Array("4.30582E+17".utf8), kind: .number, date1904: false) == (
                "430582000000000000", true
            ))
        #expect(XLSXNumberText.render(Array("60".utf8), kind: .date, date1904: false).text == "1900-02-29")
        #expect(XLSXNumberText.render(Array("61".utf8), kind: .date, date1904: false).text == "1900-03-01")
        #expect(XLSXNumberText.render(Array("1".utf8), kind: .date, date1904: false).text == "1900-01-01")
        #expect(XLSXNumberText.render(Array("0".utf8), kind: .date, date1904: true).text == "0")
        #expect(XLSXNumberText.render(Array("1".utf8), kind: .date, date1904: true).text == "1904-01-02")
        #expect(XLSXNumberText.render(Array("45351.99999999".utf8), kind: .date, date1904: false).text == "2024-03-01")
        #expect(XLSXNumberText.render(Array("0.75".utf8), kind: .time, date1904: false).text == "18:00:00")
    }

    @Test func numberFormatClassification() {
        #expect(XLSXCellFormat.builtinKind(14) == .date)
        #expect(XLSXCellFormat.builtinKind(22) == .date)
        #expect(XLSXCellFormat.builtinKind(31) == .date)
        #expect(XLSXCellFormat.builtinKind(20) == .time)
        #expect(XLSXCellFormat.builtinKind(46) == .time)
        #expect(XLSXCellFormat.builtinKind(2) == .number)
        #expect(XLSXCellFormat.builtinKind(49) == .number)
        #expect(XLSXCellFormat.customKind("yyyy\\-mm\\-dd") == .date)
        #expect(XLSXCellFormat.customKind("[$-804]yyyy\"年\"m\"月\"d\"日\"") == .date)
        #expect(XLSXCellFormat.customKind("mmm") == .date)
        #expect(XLSXCellFormat.customKind("[h]:mm:ss") == .time)
        #expect(XLSXCellFormat.customKind("h:mm AM/PM") == .time)
        #expect(XLSXCellFormat.customKind("0.00E+00") == .number)
        #expect(XLSXCellFormat.customKind("#,##0.00_);[Red](#,##0.00)") == .number)
        #expect(XLSXCellFormat.customKind("\"合计：\"0.00\"元\"") == .number)
        #expect(XLSXCellFormat.customKind("General") == .number)
    }

    @Test func readsFromDiskWithoutLoadingIntoMemory() throws {
        // given
        let url = Fixture.url("register.xlsx")

        // when
        let table = try TableReader.read(contentsOf: url, columns: Self.registerColumns)
        var streamed: [Int] = []
        let summary = try TableReader.forEachRow(contentsOf: url, columns: Self.registerColumns) { row in
            streamed.append(row.rowNumber)
        }

        // then
        #expect(table.fileName == "register.xlsx")
        #expect(table.rows.count == 3)
        #expect(streamed == [3, 5, 6])
        #expect(summary.rowCount == 3)
        #expect(summary.headerRowNumber == 2)
        #expect(summary.warnings.count == 1)
    }
}
