import Foundation

/// Serializes a `DocxDocument` to WordprocessingML (opens in Word, WPS and LibreOffice).
public enum DocxWriter {
    public static func data(for document: DocxDocument) throws(OfficeWriteError) -> Data {
        var body = ""
        for block in document.blocks {
            switch block {
            case .title(let text):
                body += paragraph(style: "Title", runs: [DocxRun(text)])
            case .heading(let text, let level):
                guard (1...3).contains(level) else { throw .invalidHeadingLevel(level) }
                body += paragraph(style: "Heading\(level)", runs: [DocxRun(text)])
            case .paragraph(let runs, let alignment, let indent):
                body += paragraph(
                    style: "Body", runs: runs, alignment: alignment == .justify ? nil : alignment,
                    noIndent: !indent)
            case .table(let table):
                body += try tableXML(table)
                // Word needs a paragraph between consecutive tables; it also keeps the text
                // after a table from sticking to its border.
                body +=
                    #"<w:p><w:pPr><w:pStyle w:val="Body"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:p>"#
            case .pageBreak:
                body += #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
            }
        }
        let zip = ZipWriter(output: .memory)
        try zip.addEntry("[Content_Types].xml", DocxParts.contentTypes)
        try zip.addEntry("_rels/.rels", DocxParts.rootRelationships)
        try zip.addEntry("docProps/app.xml", OOXMLPackageParts.appProperties)
        try zip.addEntry("docProps/core.xml", OOXMLPackageParts.coreProperties)
        try zip.addEntry("word/document.xml", DocxParts.document(body: body))
        try zip.addEntry("word/_rels/document.xml.rels", DocxParts.documentRelationships)
        try zip.addEntry("word/styles.xml", DocxParts.styles)
        try zip.addEntry("word/settings.xml", DocxParts.settings)
        try zip.addEntry("word/fontTable.xml", DocxParts.fontTable)
        try zip.addEntry("word/footer1.xml", DocxParts.footer)
        try zip.finish()
        return Data(zip.memory)
    }

    // MARK: Paragraphs and runs

    static func paragraph(style: String, runs: [DocxRun], alignment: DocxAlignment? = nil, noIndent: Bool = false)
        -> String
    {
        var xml = #"<w:p><w:pPr><w:pStyle w:val="\#(style)"/>"#
        if noIndent { xml += #"<w:ind w:firstLineChars="0" w:firstLine="0"/>"# }
        if let alignment { xml += #"<w:jc w:val="\#(alignment.wordValue)"/>"# }
        xml += "</w:pPr>"
        for run in runs { xml += runXML(run, sizeHalfPoints: nil) }
        return xml + "</w:p>"
    }

    /// A run; line breaks become `<w:br/>` and tabs `<w:tab/>` so they survive in Word.
    static func runXML(_ run: DocxRun, sizeHalfPoints: Int?) -> String {
        var properties = ""
        if run.bold { properties += "<w:b/><w:bCs/>" }
        if let sizeHalfPoints {
            properties += #"<w:sz w:val="\#(sizeHalfPoints)"/><w:szCs w:val="\#(sizeHalfPoints)"/>"#
        }
        var xml = "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>")
        var segment = ""
        func flush() {
            if !segment.isEmpty { xml += #"<w:t xml:space="preserve">\#(XMLEscaping.escape(segment))</w:t>"# }
            segment = ""
        }
        for character in run.text {
            switch character {
            case "\n", "\r\n", "\r":
                flush()
                xml += "<w:br/>"
            case "\t":
                flush()
                xml += "<w:tab/>"
            default:
                segment.append(character)
            }
        }
        flush()
        return xml + "</w:r>"
    }

    // MARK: Tables

    static func tableXML(_ table: DocxTable) throws(OfficeWriteError) -> String {
        let columnCount = table.columnWidths.count
        guard columnCount > 0, table.columnWidths.allSatisfy({ $0 > 0 }) else {
            throw .invalidTable("列宽必须为正数且至少一列")
        }
        let total = table.columnWidths.reduce(0, +)
        var widths = table.columnWidths.map { Int((Double(DocxLayout.textWidth) * $0 / total).rounded(.down)) }
        widths[columnCount - 1] += DocxLayout.textWidth - widths.reduce(0, +)
        let size = Int((table.fontSize * 2).rounded())

        var xml = """
            <w:tbl><w:tblPr><w:tblW w:w="\(DocxLayout.textWidth)" w:type="dxa"/><w:jc w:val="center"/>\
            <w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
            <w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
            <w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
            <w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
            <w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
            <w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>\
            <w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>\
            <w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>
            """
        for width in widths { xml += #"<w:gridCol w:w="\#(width)"/>"# }
        xml += "</w:tblGrid>"
        let allRows = table.headerRows.map { ($0, true) } + table.rows.map { ($0, false) }
        for (index, (row, isHeader)) in allRows.enumerated() {
            let spans = row.reduce(0) { $0 + $1.columnSpan }
            guard spans == columnCount, row.allSatisfy({ $0.columnSpan >= 1 }) else {
                throw .invalidTable("第 \(index + 1) 行的单元格跨列合计为 \(spans)，应为 \(columnCount)")
            }
            xml += "<w:tr><w:trPr><w:cantSplit/>" + (isHeader ? "<w:tblHeader/>" : "") + "</w:trPr>"
            var column = 0
            for cell in row {
                let width = widths[column..<(column + cell.columnSpan)].reduce(0, +)
                column += cell.columnSpan
                xml += #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>"#
                if cell.columnSpan > 1 { xml += #"<w:gridSpan w:val="\#(cell.columnSpan)"/>"# }
                switch cell.verticalMerge {
                case .none: break
                case .restart: xml += #"<w:vMerge w:val="restart"/>"#
                case .continued: xml += "<w:vMerge/>"
                }
                xml += #"<w:vAlign w:val="center"/></w:tcPr>"#
                // Table text is exempt from the page grid so that rows are not forced to 28 pt.
                xml += #"<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="\#(cell.alignment.wordValue)"/></w:pPr>"#
                if cell.verticalMerge != .continued {
                    for run in cell.runs {
                        xml += runXML(DocxRun(run.text, bold: run.bold || isHeader), sizeHalfPoints: size)
                    }
                }
                xml += "</w:p></w:tc>"
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }
}
