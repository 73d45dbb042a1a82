import Foundation

/// The fixed parts of a .docx written by `DocxWriter`.
enum DocxParts {
    static let wordNamespaces =
        #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>\
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
        </Types>
        """

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>\
        <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
        </Relationships>
        """

    static func document(body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document \(wordNamespaces)><w:body>\(body)\
        <w:sectPr><w:footerReference w:type="default" r:id="rId4"/>\
        <w:pgSz w:w="\(DocxLayout.pageWidth)" w:h="\(DocxLayout.pageHeight)"/>\
        <w:pgMar w:top="\(DocxLayout.marginTop)" w:right="\(DocxLayout.marginRight)" w:bottom="\(DocxLayout.marginBottom)" \
        w:left="\(DocxLayout.marginLeft)" w:header="\(DocxLayout.headerDistance)" w:footer="\(DocxLayout.footerDistance)" w:gutter="0"/>\
        <w:pgNumType w:fmt="decimal" w:start="1"/><w:cols w:space="425"/>\
        <w:docGrid w:type="linesAndChars" w:linePitch="\(DocxLayout.linePitch)" w:charSpace="\(DocxLayout.charSpace)"/>\
        </w:sectPr></w:body></w:document>
        """
    }

    private static func fonts(_ eastAsia: String) -> String {
        #"<w:rFonts w:ascii="\#(DocxLayout.latinFont)" w:hAnsi="\#(DocxLayout.latinFont)" w:eastAsia="\#(eastAsia)" w:cs="\#(DocxLayout.latinFont)" w:hint="eastAsia"/>"#
    }

    static var styles: String {
        let size = DocxLayout.bodySizeHalfPoints
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles \(wordNamespaces)>\
            <w:docDefaults><w:rPrDefault><w:rPr>\(fonts(DocxLayout.bodyFont))<w:kern w:val="2"/>\
            <w:sz w:val="\(size)"/><w:szCs w:val="\(size)"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>\
            <w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
            <w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/>\
            <w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Body"/><w:qFormat/>\
            <w:pPr><w:spacing w:after="\(DocxLayout.linePitch)"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>\
            <w:rPr>\(fonts(DocxLayout.titleFont))<w:sz w:val="\(DocxLayout.titleSizeHalfPoints)"/><w:szCs w:val="\(DocxLayout.titleSizeHalfPoints)"/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Body"/><w:next w:val="Body"/><w:qFormat/>\
            <w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>\(fonts(DocxLayout.heading1Font))</w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Body"/><w:next w:val="Body"/><w:qFormat/>\
            <w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr>\(fonts(DocxLayout.heading2Font))</w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Body"/><w:next w:val="Body"/><w:qFormat/>\
            <w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr>\(fonts(DocxLayout.heading3Font))<w:b/><w:bCs/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>\
            <w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>\
            <w:pPr><w:snapToGrid w:val="0"/><w:jc w:val="center"/></w:pPr>\
            <w:rPr><w:rFonts w:ascii="\(DocxLayout.pageNumberFont)" w:hAnsi="\(DocxLayout.pageNumberFont)" w:eastAsia="\(DocxLayout.pageNumberFont)"/>\
            <w:sz w:val="\(DocxLayout.pageNumberSizeHalfPoints)"/><w:szCs w:val="\(DocxLayout.pageNumberSizeHalfPoints)"/></w:rPr></w:style>\
            <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
            <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
            <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
            </w:styles>
            """
    }

    static let settings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>\
        <w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/>\
        <w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>\
        <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
        </w:settings>
        """

    /// Fonts with `altName` fallbacks, for machines without the GB fonts installed.
    static var fontTable: String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            """
        for (font, fallback) in DocxLayout.fallbacks {
            xml +=
                #"<w:font w:name="\#(font)"><w:altName w:val="\#(fallback)"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#
        }
        xml +=
            #"<w:font w:name="\#(DocxLayout.latinFont)"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#
        return xml + "</w:fonts>"
    }

    /// Centered "— N —" page number (GB/T 9704 §7.5 uses a dash on each side).
    static let footer = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>\
        <w:r><w:t xml:space="preserve">— </w:t></w:r>\
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>\
        <w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>
        """
}
