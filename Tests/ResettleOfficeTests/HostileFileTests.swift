import Foundation
import Testing

@testable import ResettleOffice

/// Files that are broken or built to hurt: each must fail fast with its own code and a Chinese
/// message, without crashing, hanging or unbounded memory.
struct HostileFileTests {
    let columns = [ColumnSpec(key: "name", names: ["姓名"])]

    private func read(_ data: Data, _ name: String = "upload.xlsx", limits: FileLimits = .default) -> TableIssue? {
        issue { try TableReader.read(data, fileName: name, columns: columns, limits: limits) }
    }

    @Test func zeroBytes() {
        let error = read(Data())
        #expect(error?.code == "empty_file")
        #expect(error?.message.contains("空") == true)
        #expect(issue { try XLSXReader(data: Data()) }?.code == "empty_file")
    }

    @Test func notAZip() {
        // An HTML page renamed to .xlsx (what some web systems export as "Excel").
        let html = Data("<html><body><table><tr><td>姓名</td></tr></table></body></html>".utf8)
        #expect(read(html)?.code == "not_a_zip")
        #expect(issue { try XLSXReader(data: html) }?.code == "not_a_zip")
    }

    @Test func truncatedZip() throws {
        // given: the first 3 KB of a real workbook (download cut short)
        let data = try Fixture.data("register.xlsx").prefix(3000)

        // when / then
        #expect(read(Data(data))?.code == "truncated_zip")
    }

    @Test func corruptDeflateData() throws {
        // given: a workbook whose sheet data bytes were overwritten
        var data = try Fixture.workbook(
            sheetXML: "<worksheet><sheetData>"
                + String(repeating: "<row><c t=\"inlineStr\"><is><t>姓名</t></is></c></row>", count: 200)
                + "</sheetData></worksheet>")
        let record = try #require(Fixture.centralRecordOffset(of: "xl/worksheets/sheet1.xml", in: data))
        let local = Int(data[record + 42]) | Int(data[record + 43]) << 8 | Int(data[record + 44]) << 16
        for index in (local + 30 + 24 + 10)..<(local + 30 + 24 + 60) { data[index] ^= 0x5A }

        // when
        let error = read(data)

        // then
        #expect(error?.code == "corrupt_zip")
    }

    @Test func zipBombByDeclaredSize() throws {
        // given: 200 MB of spaces inside the sheet, compressing about 1000:1
        let padding = String(repeating: " ", count: 200 << 20)
        let data = try Fixture.workbook(sheetXML: "<worksheet><sheetData>" + padding + "</sheetData></worksheet>")

        // when
        let error = read(data)

        // then
        #expect(data.count < 1 << 20)
        #expect(error?.code == "zip_bomb")
        #expect(error?.message.contains("压缩炸弹") == true)
    }

    @Test func zipBombWithLyingHeaderStopsWhileInflating() throws {
        // given: a 12 MB sheet whose central directory claims 1 KB uncompressed
        var data = try Fixture.workbook(
            sheetXML: "<worksheet><sheetData>" + String(repeating: "<row/>", count: 2 << 20)
                + "</sheetData></worksheet>")
        let record = try #require(Fixture.centralRecordOffset(of: "xl/worksheets/sheet1.xml", in: data))
        data.replaceSubrange((record + 24)..<(record + 28), with: [0x00, 0x04, 0x00, 0x00])

        // when
        let start = Date()
        let error = read(data)

        // then
        #expect(error?.code == "zip_bomb")
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func totalUncompressedLimit() throws {
        // given: an ordinary sheet but a tiny budget
        let data = try Fixture.data("register.xlsx")

        // when / then
        #expect(read(data, limits: FileLimits(maxUncompressedBytes: 2_000))?.code == "zip_bomb")
    }

    @Test func tooManyEntries() throws {
        // given
        let data = try Fixture.zip((0..<50).map { ("f\($0).xml", "<a/>") })

        // when / then
        #expect(read(data, limits: FileLimits(maxEntries: 20))?.code == "too_many_entries")
    }

    @Test func encryptedEntryFlag() throws {
        // given: a workbook whose sheet entry is marked as ZIP-encrypted
        var data = try Fixture.workbook(sheetXML: "<worksheet><sheetData/></worksheet>")
        let record = try #require(Fixture.centralRecordOffset(of: "xl/worksheets/sheet1.xml", in: data))
        data[record + 8] |= 1

        // when / then
        #expect(read(data)?.code == "unsupported_zip")
    }

    @Test(arguments: [
        "<worksheet><sheetData><row></sheetData></worksheet>",
        "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
        "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&bogus;</t></is></c></row></sheetData></worksheet>",
        "<worksheet><sheetData>",
        "<worksheet/><worksheet/>",
        "<worksheet><sheetData><row><c r=\"ZZZZ1\"><v>1</v></c></row></sheetData></worksheet>",
        "<worksheet><sheetData><row><c <v>1</v></c></row></sheetData></worksheet>",
        "",
    ])
    func malformedSheetXML(xml: String) throws {
        // given
        let data = try Fixture.workbook(sheetXML: xml)

        // when
        let error = read(data)

        // then
        #expect(error?.code == "malformed_xml")
        #expect(error?.message.contains("xl/worksheets/sheet1.xml") == true)
    }

    @Test func entityExpansionIsRefused() throws {
        // given: a "billion laughs" DOCTYPE in the sheet
        let xml = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\
            <worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>
            """
        let data = try Fixture.workbook(sheetXML: xml)

        // when
        let error = read(data)

        // then
        #expect(error?.code == "xml_dtd_forbidden")
    }

    @Test func missingSheet() throws {
        // given
        let data = try Fixture.data("register.xlsx")

        // when
        let error = issue { try TableReader.read(data, fileName: "register.xlsx", columns: columns, sheet: "不存在") }

        // then
        #expect(error?.code == "missing_sheet")
        #expect(error?.message.contains("“花名册”、“汇总”") == true)
        let noSheets = try Fixture.zip([("xl/workbook.xml", "<workbook><sheets/></workbook>")])
        #expect(read(noSheets)?.code == "missing_sheet")
    }

    @Test func passwordProtectedWorkbook() throws {
        // given: encrypted.xlsx, register.xlsx encrypted with password "secret" by msoffcrypto-tool
        // (Excel's agile encryption: an OLE file with EncryptionInfo and EncryptedPackage streams)
        let data = try Fixture.data("encrypted.xlsx")

        // when
        let error = read(data, "encrypted.xlsx")

        // then
        #expect(error?.code == "encrypted_workbook")
        #expect(error?.message.contains("密码") == true)
    }

    @Test func legacyBinaryWorkbook() throws {
        // given: register.xls, converted by `soffice --convert-to xls` (BIFF8 in OLE)
        let data = try Fixture.data("register.xls")

        // when
        let error = read(data, "register.xls")

        // then
        #expect(error?.code == "legacy_xls")
        #expect(error?.message.contains("请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入") == true)
    }

    @Test func wordDocumentIsNotAWorkbook() throws {
        // given
        var document = DocxDocument()
        document.paragraph("姓名")
        let data = try document.data()

        // when / then
        #expect(read(data, "报告.xlsx")?.code == "not_a_workbook")
    }

    @Test func undecodableText() {
        // given: bytes that are neither UTF-8 nor GB18030
        let data = Data([0x80, 0x41, 0xFF, 0x42, 0x0A])

        // when / then
        #expect(read(data, "bank.csv")?.code == "unknown_encoding")
    }

    @Test func unterminatedQuote() {
        let error = read(Data("姓名\n\"张三\n李四\n".utf8), "a.csv")
        #expect(error?.code == "malformed_csv")
        #expect(error?.row == 2)
    }

    @Test func randomGarbageNeverCrashes() throws {
        // given: a valid workbook with bytes flipped at many positions
        let original = try Fixture.data("register.xlsx")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var data = original
            for _ in 0..<8 {
                let position = Int.random(in: 0..<data.count, using: &generator)
                data[position] = UInt8.random(in: 0...255, using: &generator)
            }
            // when / then: either reads or throws a TableIssue
            _ = read(data)
        }
        for length in stride(from: 0, to: original.count, by: 97) {
            _ = read(original.prefix(length))
        }
    }
}
