import Foundation
import Testing

@testable import ResettleOffice

/// The report writer: structure and GB/T 9704-2012 layout values.
struct DocxWriterTests {
    static func sampleReport() -> DocxDocument {
        var report = DocxDocument()
        report.title("关于2024年度水库移民后期扶持资金发放情况的报告")
        report.heading("一、基本情况", level: 1)
        report.paragraph([DocxRun("全县核定扶持人口 "), DocxRun("12345", bold: true), DocxRun(" 人，发放资金 7407000.00 元。")])
        report.heading("（一）资金来源", level: 2)
        report.paragraph("资金由省财政统一拨付。\n第二行 & <特殊字符>")
        report.heading("1. 发放方式", level: 3)
        report.table(
            DocxTable(
                columnWidths: [2, 1, 1, 2],
                headerRows: [
                    [
                        DocxTableCell("乡镇", verticalMerge: .restart), DocxTableCell("人数", columnSpan: 2),
                        DocxTableCell("金额（元）", verticalMerge: .restart),
                    ],
                    [
                        DocxTableCell("", verticalMerge: .continued), DocxTableCell("原迁"), DocxTableCell("新增"),
                        DocxTableCell("", verticalMerge: .continued),
                    ],
                ],
                rows: [
                    [
                        DocxTableCell("城关镇"), DocxTableCell("100"), DocxTableCell("20"),
                        DocxTableCell("72000.00", alignment: .right),
                    ],
                    [
                        DocxTableCell("合计", bold: true), DocxTableCell("120", columnSpan: 2),
                        DocxTableCell("72000.00", alignment: .right),
                    ],
                ]))
        report.pageBreak()
        report.paragraph([DocxRun("附件：花名册")], alignment: .left, firstLineIndent: false)
        return report
    }

    private func parts(_ data: Data) throws -> [String: String] {
        let zip = try ZipReader(source: ByteSource(data: data, fileName: "r.docx"), limits: .default)
        var result: [String: String] = [:]
        for entry in zip.entries { result[entry.name] = String(decoding: try zip.readAll(entry), as: UTF8.self) }
        return result
    }

    @Test func documentStructure() throws {
        // given
        let data = try Self.sampleReport().data()

        // when
        let files = try parts(data)
        let document = try #require(files["word/document.xml"])
        let styles = try #require(files["word/styles.xml"])

        // then: every part is present and well-formed
        #expect(
            Set(files.keys) == [
                "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
                "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
                "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
            ])
        struct Ignore: XMLHandler {
            mutating func start(_ name: XMLName, _ attributes: XMLAttributes) throws(TableIssue) {}
            mutating func end(_ name: XMLName) throws(TableIssue) {}
            mutating func text(_ raw: UnsafeRawBufferPointer, isCDATA: Bool) throws(TableIssue) {}
        }
        for (name, xml) in files {
            var tokenizer = XMLTokenizer(file: "r.docx", part: name)
            var handler = Ignore()
            try tokenizer.parseAll(Array(xml.utf8), &handler)
        }
        // A4 and GB/T 9704 margins: 37/35/28/26 mm; 22 lines × 28 characters.
        #expect(document.contains(#"<w:pgSz w:w="11906" w:h="16838"/>"#))
        #expect(document.contains(#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#))
        #expect(document.contains(#"<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/>"#))
        #expect(document.contains(#"<w:footerReference w:type="default" r:id="rId4"/>"#))
        // Headings, bold run, escaped text, line break.
        #expect(document.contains(#"<w:pStyle w:val="Title"/>"#))
        #expect(document.contains(#"<w:pStyle w:val="Heading3"/>"#))
        #expect(document.contains(#"<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">12345</w:t></w:r>"#))
        #expect(document.contains("资金由省财政统一拨付。</w:t><w:br/>"))
        #expect(document.contains("第二行 &amp; &lt;特殊字符&gt;"))
        // Table: header rows repeat, merged cells.
        #expect(document.contains("<w:tblHeader/>"))
        #expect(document.contains(#"<w:gridSpan w:val="2"/>"#))
        #expect(document.contains(#"<w:vMerge w:val="restart"/>"#))
        #expect(document.contains("<w:vMerge/>"))
        #expect(document.contains(#"<w:br w:type="page"/>"#))
        // Fonts and sizes.
        #expect(styles.contains(#"w:eastAsia="方正小标宋简体""#))
        #expect(styles.contains(#"<w:sz w:val="44"/>"#))
        #expect(styles.contains(#"w:eastAsia="仿宋_GB2312""#))
        #expect(styles.contains(#"<w:sz w:val="32"/>"#))
        #expect(styles.contains(#"w:eastAsia="黑体""#))
        #expect(styles.contains(#"w:eastAsia="楷体_GB2312""#))
        #expect(files["word/fontTable.xml"]?.contains(#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#) == true)
        #expect(files["word/fontTable.xml"]?.contains(#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#) == true)
        #expect(files["word/footer1.xml"]?.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>") == true)
    }

    @Test func layoutArithmetic() {
        #expect(DocxLayout.marginTop == 2098)
        #expect(DocxLayout.marginBottom == 1984)
        #expect(DocxLayout.marginLeft == 1587)
        #expect(DocxLayout.marginRight == 1474)
        #expect(DocxLayout.linePitch == 579)
        #expect(DocxLayout.charSpace == -842)
        // 28 characters of 16 pt plus charSpace fill the text width to within one twip per char.
        let pitch = 320 + Double(DocxLayout.charSpace) / 4096 * 20
        #expect(abs(pitch * 28 - Double(DocxLayout.textWidth)) < 28)
    }

    @Test func invalidStructuresAreRejected() {
        var badHeading = DocxDocument()
        badHeading.heading("四级", level: 4)
        #expect(throws: OfficeWriteError.invalidHeadingLevel(4)) { try badHeading.data() }

        var badTable = DocxDocument()
        badTable.table(DocxTable(columnWidths: [1, 1], headerRows: [[DocxTableCell("a")]], rows: []))
        #expect(throws: OfficeWriteError.self) { try badTable.data() }
    }
}
