import Foundation
import Testing

@testable import ResettleOffice

/// CSV decoding, parsing and writing. gbk.csv and utf16le.csv come from sources/make_csv.py,
/// libreoffice.csv from LibreOffice (see Fixtures/README.md).
struct CSVTests {
    static let columns = [
        ColumnSpec(key: "name", names: ["户主姓名", "姓名"]),
        ColumnSpec(key: "id_number", names: ["身份证号", "公民身份号码"]),
        ColumnSpec(key: "bank_card", names: ["银行卡号"]),
        ColumnSpec(key: "amount", names: ["发放金额"]),
    ]

    static let expectedCells: [[String]] = [
        ["张三", "43058219900101123X", "6228480012345678901", "600.00"],
        ["李,四", "430582199202024000", "6217001234567890123", "1,200.50"],
        ["王\"五\"", "430582200012310016", "4.30582E+17", "多行\r\n备注"],
        ["赵六", "430582198805050055", "6228480000000000001", "0.01"],
    ]

    @Test(arguments: [("gbk.csv", TextEncoding.gb18030), ("utf16le.csv", TextEncoding.utf16LE)])
    func fixtureEncodings(file: String, encoding: TextEncoding) throws {
        // given
        let data = try Fixture.data(file)

        // when
        let table = try TableReader.read(data, fileName: file, columns: Self.columns)

        // then
        #expect(table.format == .csv(encoding))
        #expect(table.headerRowNumber == 2)
        #expect(table.rows.map(\.rowNumber) == [3, 4, 5, 7])  // record 6 (",,,") is blank
        #expect(table.rows.map(\.cells) == Self.expectedCells)
        #expect(table.rows[2].damagedCells == [2])
        #expect(table.warnings.map(\.code) == ["damaged_number"])
        #expect(table.warnings.first?.row == 5)
        #expect(table.warnings.first?.column == "银行卡号")
    }

    @Test(arguments: [TextEncoding.utf8, .utf8BOM, .utf16LE, .utf16BE, .gb18030])
    func everyEncodingRoundTripsThroughWriterAndReader(encoding: TextEncoding) throws {
        // given
        let rows = [
            ["姓名", "身份证号", "备注"], ["张三", "43058219900101123X", "含,逗号"], ["𠀀生僻字", "430582200012310016", "换\n行"],
        ]

        // when
        let data = CSVWriter.data(rows: rows, encoding: encoding)
        let (records, detected) = try CSVReader.read(data, fileName: "x.csv")

        // then
        #expect(detected == encoding)
        #expect(records.map(\.fields) == rows)
        #expect(records.map(\.rowNumber) == [1, 2, 3])
    }

    @Test func writerBytes() {
        // given
        let rows = [["a", "b,c", "say \"hi\"", " padded", "x\ny"], ["中文", "", "1", "2", "3"]]

        // when
        let utf8BOM = CSVWriter.data(rows: rows)
        let gb = CSVWriter.data(rows: [["中文"]], encoding: .gb18030)

        // then
        #expect(Array(utf8BOM.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(
            String(decoding: utf8BOM.dropFirst(3), as: UTF8.self)
                == "a,\"b,c\",\"say \"\"hi\"\"\",\" padded\",\"x\ny\"\r\n中文,,1,2,3\r\n")
        #expect(Array(gb) == [0xD6, 0xD0, 0xCE, 0xC4, 0x0D, 0x0A])
    }

    @Test func libreOfficeCSV() throws {
        // given: LibreOffice's own CSV export of register.xlsx (UTF-8, no BOM, IDs typed as
        // numbers exported as 4.30582199202024E+017)
        let data = try Fixture.data("libreoffice.csv")

        // when
        let table = try TableReader.read(data, fileName: "libreoffice.csv", columns: XLSXReaderTests.registerColumns)

        // then
        #expect(table.format == .csv(.utf8))
        #expect(table.headerRowNumber == 2)
        #expect(table.rows.map(\.rowNumber) == [3, 5, 6])
        #expect(
            table.rows[0].cells == [
                "1", "张三", "43058219900101123X", "6228480012345678901", "2024/3/1", "600.50", "1", "原迁移民", "",
            ])
        #expect(table.rows[1].cells[2] == "4.30582199202024E+017")
        #expect(table.rows[1].damagedCells == [2])
        #expect(table.rows[2].cells[7] == "含逗号,和\"引号\"")
    }

    @Test func parserEdgeCases() throws {
        // LF, CRLF, lone CR, no trailing newline, empty fields, quotes inside unquoted fields
        #expect(try CSVReader.parse("a,b\nc,d").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try CSVReader.parse("a,b\r\nc,d\r\n").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try CSVReader.parse("a\rb\r").map(\.fields) == [["a"], ["b"]])
        #expect(try CSVReader.parse("a,,\n,\n").map(\.fields) == [["a", "", ""], ["", ""]])
        #expect(try CSVReader.parse("5\"寸,\"\"\"\"").map(\.fields) == [["5\"寸", "\""]])
        #expect(try CSVReader.parse("\"a\"b,c").map(\.fields) == [["ab", "c"]])
        #expect(try CSVReader.parse("a\n\nb").map(\.rowNumber) == [1, 2, 3])
        #expect(try CSVReader.parse("\"x\ny\",z\nw").map(\.rowNumber) == [1, 2])
    }

    @Test func decodingDetection() throws {
        // given
        let gbkBytes = Data([0xD5, 0xC5, 0xC8, 0xFD])  // 张三 in GBK
        let gbBOM = Data([0x84, 0x31, 0x95, 0x33, 0xD5, 0xC5])  // GB18030 BOM + 张

        // when / then
        #expect(try TextDecoding.decode(Data("abc".utf8)) == ("abc", .utf8))
        #expect(try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array("张".utf8))) == ("张", .utf8BOM))
        #expect(try TextDecoding.decode(gbkBytes) == ("张三", .gb18030))
        #expect(try TextDecoding.decode(gbBOM) == ("张", .gb18030))
        #expect(try TextDecoding.decode(Data([0xFF, 0xFE, 0x20, 0x5F])) == ("张", .utf16LE))
        #expect(try TextDecoding.decode(Data([0xFE, 0xFF, 0x5F, 0x20])) == ("张", .utf16BE))
        // A lone surrogate; a BOM followed by bad UTF-8.
        #expect(issue { try TextDecoding.decode(Data([0xFF, 0xFE, 0x00, 0xD8])) }?.code == "unknown_encoding")
        #expect(issue { try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF, 0xC3])) }?.code == "unknown_encoding")
        #expect(TextDecoding.isValidUTF8(UnsafeRawBufferPointer(start: nil, count: 0)))
        #expect(![UInt8]([0xC0, 0x80]).withUnsafeBytes(TextDecoding.isValidUTF8))  // overlong
        #expect(![UInt8]([0xED, 0xA0, 0x80]).withUnsafeBytes(TextDecoding.isValidUTF8))  // surrogate
        #expect([UInt8](Array("0123456789中文abcdefgh".utf8)).withUnsafeBytes(TextDecoding.isValidUTF8))
    }
}
