import Foundation
import Testing

@testable import ResettleOffice

/// Header detection, column mapping and trimming in the front door.
struct TableReaderTests {
    let columns = [
        ColumnSpec(key: "name", names: ["姓名", "户主姓名"]),
        ColumnSpec(key: "id_number", names: ["身份证号", "id_number", "公民身份号码"]),
        ColumnSpec(key: "phone", names: ["联系电话"], required: false),
    ]

    private func csv(_ text: String) -> Data { Data(text.utf8) }

    @Test func headerBelowTitleWithAliasesSpacesAndExtraColumns() throws {
        // given: a title row, a notes row, then the header with an alias, inner spaces,
        // a required mark and an extra column; the optional phone column is absent
        let data = csv(
            "XX县移民名册\n制表单位：移民局,,\n序号,户主 姓名*,ID_Number,籍贯\n1,　张三　, 43058219900101123X ,湖南\n\n2,李四,430582200012310016,湖北\n"
        )

        // when
        let table = try TableReader.read(data, fileName: "名册.csv", columns: columns)

        // then
        #expect(table.headerRowNumber == 3)
        #expect(table.presentColumns == ["name", "id_number"])
        #expect(table.columns == columns)
        #expect(table.rows.map(\.rowNumber) == [4, 6])
        #expect(table.rows.map(\.cells) == [["张三", "43058219900101123X", ""], ["李四", "430582200012310016", ""]])
        #expect(table.index(of: "phone") == 2)
        #expect(table.index(of: "nope") == nil)
        #expect(table.warnings.isEmpty)
    }

    @Test func missingColumnsAreNamedTogether() throws {
        // given
        let data = csv("标题\n序号,地址\n1,x\n")
        let specs = columns + [ColumnSpec(key: "bank_card", names: ["银行卡号"])]

        // when
        let error = issue { try TableReader.read(data, fileName: "a.csv", columns: specs) }

        // then
        #expect(error?.code == "missing_column")
        #expect(error?.file == "a.csv")
        #expect(error?.message.contains("“姓名”、“身份证号”、“银行卡号”") == true)
        #expect(error?.message.contains("联系电话") == false)
    }

    @Test func missingColumnPointsAtTheClosestRow() throws {
        // given: the header has the name but not the ID column
        let data = csv("姓名,电话\n张三,1\n")

        // when
        let error = issue { try TableReader.read(data, fileName: "a.csv", columns: columns) }

        // then
        #expect(error?.code == "missing_column")
        #expect(error?.row == 1)
        #expect(error?.message.contains("“身份证号”") == true)
        #expect(error?.message.contains("“姓名”") == false)
    }

    @Test func headerMustAppearWithinTwentyRows() throws {
        // given: 25 non-blank rows before the header
        let data = csv(String(repeating: "说明\n", count: 25) + "姓名,身份证号\n张三,1\n")

        // when / then
        #expect(issue { try TableReader.read(data, fileName: "a.csv", columns: columns) }?.code == "missing_column")
    }

    @Test func duplicateHeaderForOneKey() throws {
        // given: 身份证号 and its alias 公民身份号码 both present
        let data = csv("姓名,身份证号,公民身份号码\n张三,1,2\n")

        // when
        let error = issue { try TableReader.read(data, fileName: "a.csv", columns: columns) }

        // then
        #expect(error?.code == "duplicate_column")
        #expect(error?.row == 1)
        #expect(error?.column == "身份证号")
    }

    @Test func rowLimitAndFileLimit() throws {
        // given
        let data = csv("姓名,身份证号\na,1\nb,2\nc,3\n")

        // when
        let tooMany = issue {
            try TableReader.read(data, fileName: "a.csv", columns: columns, limits: FileLimits(maxRows: 2))
        }
        let tooLarge = issue {
            try TableReader.read(data, fileName: "a.csv", columns: columns, limits: FileLimits(maxFileBytes: 10))
        }

        // then
        #expect(tooMany?.code == "too_many_rows")
        #expect(tooMany?.row == 4)
        #expect(tooLarge?.code == "file_too_large")
    }

    @Test func trimming() {
        #expect(TableBuilder.trim("  a b ") == "a b")
        #expect(TableBuilder.trim("\u{3000}张三\u{3000}") == "张三")
        #expect(TableBuilder.trim("\t\r\n") == "")
        #expect(TableBuilder.trim("一") == "一")
        #expect(TableBuilder.normalizeHeader(" 身份证\n号码 ＊") == "身份证号码")
        #expect(TableBuilder.normalizeHeader("ID_Number") == "id_number")
    }

    @Test func scientificDamageDetection() {
        #expect(XLSXNumberText.isScientificDamage("4.30582E+17"))
        #expect(XLSXNumberText.isScientificDamage("6.22848E+18"))
        #expect(XLSXNumberText.isScientificDamage("4.30582199202024E+017"))
        #expect(!XLSXNumberText.isScientificDamage("1.5E+3"))
        #expect(!XLSXNumberText.isScientificDamage("1E-05"))
        #expect(!XLSXNumberText.isScientificDamage("43058219900101123X"))
        #expect(!XLSXNumberText.isScientificDamage("E12345"))
    }

    @Test func issueDescription() {
        #expect(
            TableIssue(file: "a.xlsx", row: 3, column: "身份证号", code: "x", message: "消息").description
                == "a.xlsx:3:身份证号: 消息")
        #expect(TableIssue(file: "a.xlsx", code: "x", message: "消息").description == "a.xlsx: 消息")
    }
}
