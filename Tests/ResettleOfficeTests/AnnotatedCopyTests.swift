import Foundation
import Testing

@testable import ResettleOffice

/// The user's table given back with a note column: same format, encoding, rows and row numbers.
struct AnnotatedCopyTests {
    static let columns = [
        ColumnSpec(key: "name", names: ["姓名"]),
        ColumnSpec(key: "id_number", names: ["身份证号"]),
        ColumnSpec(key: "note", names: ["错误说明"], required: false),
    ]

    @Test(arguments: [TextEncoding.utf8, .utf8BOM, .utf16LE, .gb18030])
    func aCSVKeepsItsEncodingRowsAndRowNumbers(encoding: TextEncoding) throws {
        // given: a title, the header, a blank line, a row longer than the header, quoting
        let rows = [["名册"], ["姓名", "身份证号"], ["张三", "1"], [""], ["李,四", "2", "备注"], ["王\"五\""]]
        let data = CSVWriter.data(rows: rows, encoding: encoding)

        // when
        let copy = try AnnotatedCopy.make(
            data, fileName: "a.csv", headerRow: 2, title: "错误说明", notes: [3: "甲；乙", 6: "丙"])

        // then
        #expect(copy.format == .csv(encoding))
        #expect(try TextDecoding.decode(copy.data).1 == encoding)
        let records = try CSVReader.read(copy.data).records
        #expect(records.map(\.rowNumber) == [1, 2, 3, 4, 5, 6])
        #expect(
            records.map(\.fields) == [
                ["名册"], ["姓名", "身份证号", "", "错误说明"], ["张三", "1", "", "甲；乙"], [""], ["李,四", "2", "备注", ""],
                ["王\"五\"", "", "", "丙"],
            ])
        let table = try TableReader.read(copy.data, fileName: "a.csv", columns: Self.columns)
        #expect(table.rows.map { $0[2] } == ["甲；乙", "", "丙"])
    }

    @Test func aWorkbookKeepsItsRowNumbersTitleAndSheetName() throws {
        // given: rows 1 (title), 3 (header), 4 and 9; 2 and 5-8 absent
        let writer = XLSXStreamWriter()
        try writer.beginSheet(name: "花名册", header: [])
        try writer.appendRow([.text("标题")], number: 1)
        try writer.appendRow([.text("姓名"), .text("身份证号")], number: 3)
        try writer.appendRow([.text("张三"), .text("430582199001011234")], number: 4)
        try writer.appendRow([.text("李四")], number: 9)
        let data = try #require(try writer.finish())

        // when
        let copy = try AnnotatedCopy.make(data, fileName: "a.xlsx", headerRow: 3, title: "错误说明", notes: [9: "身份证号不能为空"])

        // then
        #expect(copy.format == .xlsx)
        let reader = try XLSXReader(data: copy.data)
        #expect(reader.sheetNames == ["花名册"])
        let rows = try reader.rows().filter { $0.cells.contains { !$0.isEmpty } }
        #expect(rows.map(\.number) == [1, 3, 4, 9])
        #expect(
            rows.map(\.cells) == [
                ["标题"], ["姓名", "身份证号", "错误说明"], ["张三", "430582199001011234"], ["李四", "", "身份证号不能为空"],
            ])
    }

    @Test func aFileTheReaderRefusesIsRefusedTheSameWay() {
        #expect(throws: TableIssue.self) {
            try AnnotatedCopy.make(Data(), fileName: "a.csv", headerRow: 1, title: "错误说明", notes: [:])
        }
    }
}
