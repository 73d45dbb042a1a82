import Foundation
import Testing

@testable import ResettleOffice

/// Opens our XLSX and DOCX in a real office suite: LibreOffice headless converts them and the
/// converted text must contain every value intact. Skipped (with a printed reason) when
/// `soffice` is not on PATH.
@Suite(.enabled(if: LibreOffice.available, "LibreOffice (soffice) is not on PATH"), .serialized)
struct LibreOfficeConversionTests {
    @Test func xlsxOpensWithEveryValueIntact() throws {
        // given
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("export.xlsx")
        try XLSXWriter.data(sheets: XLSXWriterTests.sheets).write(to: input)

        // when: first sheet to CSV (UTF-8), as LibreOffice displays the cells
        let output = try LibreOffice.convert(
            input, to: "csv:Text - txt - csv (StarCalc):44,34,76,1", extension: "csv", in: directory)
        let csv = try String(contentsOf: output, encoding: .utf8)
        let records = try CSVReader.parse(csv).map(\.fields)

        // then
        #expect(records.count == 4)
        #expect(records[0] == ["姓名", "身份证号", "银行卡号", "补助金额", "核定日期", "人数", "备注"])
        #expect(
            records[1] == ["张三", "43058219900101123X", "6228480012345678901", "600.50", "2024-03-01", "4", " 前后空格 "])
        #expect(records[2] == ["李<四>&", "430582200012310016", "6217001234567890123", "-0.05", "1900-01-01", "-12", ""])
        #expect(records[3] == ["王五", "", "0012", "0.00", "1899-12-31", "1000000000000000", "第一行\n第二行"])
    }

    @Test func docxConvertsToPDFAndTextIntact() throws {
        // given
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("report.docx")
        try DocxWriterTests.sampleReport().data().write(to: input)

        // when
        let pdf = try LibreOffice.convert(input, to: "pdf", extension: "pdf", in: directory)
        let text = try LibreOffice.convert(input, to: "txt:Text (encoded):UTF8", extension: "txt", in: directory)
        let pdfData = try Data(contentsOf: pdf)
        let plain = try String(contentsOf: text, encoding: .utf8)

        // then
        #expect(pdfData.starts(with: Array("%PDF".utf8)))
        #expect(pdfData.count > 5_000)
        for expected in [
            "关于2024年度水库移民后期扶持资金发放情况的报告", "一、基本情况", "全县核定扶持人口 12345 人",
            "（一）资金来源", "第二行 & <特殊字符>", "1. 发放方式", "城关镇", "72000.00", "附件：花名册",
        ] {
            #expect(plain.contains(expected), "missing: \(expected)")
        }
    }
}
