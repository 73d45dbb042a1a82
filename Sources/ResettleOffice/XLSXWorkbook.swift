import Foundation

/// The package structure of an XLSX file: where the workbook, its sheets, shared strings and
/// styles live, found through the relationship parts rather than assumed paths (WPS and some
/// bank systems use different part names than Excel).
struct XLSXWorkbook {
    struct Sheet {
        let name: String
        let path: String
    }

    let sheets: [Sheet]
    let date1904: Bool
    let sharedStringsPath: String?
    let stylesPath: String?

    init(zip: ZipReader) throws(TableIssue) {
        let file = zip.source.fileName
        var workbookPath = "xl/workbook.xml"
        if let rootRels = zip.entry(named: "_rels/.rels") {
            let relations = try XLSXWorkbook.relationships(zip: zip, entry: rootRels, base: "")
            if let office = relations.values.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                workbookPath = office.target
            }
        }
        guard let workbookEntry = zip.entry(named: workbookPath) else {
            let isDocument = zip.entry(named: "word/document.xml") != nil
            throw TableIssue(
                file: file, code: "not_a_workbook",
                message: isDocument
                    ? "这是 Word 文档（.docx），不是 Excel 工作簿，请选择表格文件。"
                    : "压缩包内没有找到 Excel 工作簿（xl/workbook.xml），不是有效的 .xlsx 文件。")
        }
        let directory = XLSXWorkbook.directory(of: workbookPath)
        let relsPath = directory + "_rels/" + XLSXWorkbook.lastComponent(of: workbookPath) + ".rels"
        var relations: [String: Relationship] = [:]
        if let relsEntry = zip.entry(named: relsPath) {
            relations = try XLSXWorkbook.relationships(zip: zip, entry: relsEntry, base: directory)
        }

        var handler = WorkbookHandler()
        var tokenizer = XMLTokenizer(file: file, part: workbookEntry.name)
        try tokenizer.parseAll(try zip.readAll(workbookEntry, maxBytes: 16 << 20), &handler)
        guard handler.rootName == "workbook" else {
            throw TableIssue(
                file: file, code: "not_a_workbook",
                message: handler.rootName == "document"
                    ? "这是 Word 文档（.docx），不是 Excel 工作簿，请选择表格文件。"
                    : "压缩包内没有找到 Excel 工作簿，不是有效的 .xlsx 文件。")
        }
        date1904 = handler.date1904
        var sheets: [Sheet] = []
        for (index, sheet) in handler.sheets.enumerated() {
            if let id = sheet.relationshipId, let relation = relations[id] {
                sheets.append(Sheet(name: sheet.name, path: relation.target))
            } else {
                // No relationship: fall back to Excel's conventional name.
                sheets.append(Sheet(name: sheet.name, path: directory + "worksheets/sheet\(index + 1).xml"))
            }
        }
        self.sheets = sheets
        sharedStringsPath =
            relations.values.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target
            ?? (zip.entry(named: directory + "sharedStrings.xml") != nil ? directory + "sharedStrings.xml" : nil)
        stylesPath =
            relations.values.first(where: { $0.type.hasSuffix("/styles") })?.target
            ?? (zip.entry(named: directory + "styles.xml") != nil ? directory + "styles.xml" : nil)
    }

    // MARK: Relationships

    struct Relationship {
        let type: String
        let target: String
    }

    private static func relationships(zip: ZipReader, entry: ZipEntry, base: String) throws(TableIssue) -> [String:
        Relationship]
    {
        var handler = RelationshipsHandler()
        var tokenizer = XMLTokenizer(file: zip.source.fileName, part: entry.name)
        try tokenizer.parseAll(try zip.readAll(entry, maxBytes: 16 << 20), &handler)
        var result: [String: Relationship] = [:]
        for item in handler.items where !item.external {
            result[item.id] = Relationship(type: item.type, target: resolve(item.target, base: base))
        }
        return result
    }

    /// Resolves a relationship target: absolute ("/xl/x.xml") or relative to `base`, with "..".
    static func resolve(_ target: String, base: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

private struct RelationshipsHandler: XMLHandler {
    struct Item {
        let id: String
        let type: String
        let target: String
        let external: Bool
    }

    var items: [Item] = []

    mutating func start(_ name: XMLName, _ attributes: XMLAttributes) throws(TableIssue) {
        guard name.is("Relationship"), let id = attributes.string("Id"), let target = attributes.string("Target") else {
            return
        }
        items.append(
            Item(
                id: id, type: attributes.string("Type") ?? "", target: target,
                external: attributes.string("TargetMode") == "External"))
    }

    mutating func end(_ name: XMLName) throws(TableIssue) {}
    mutating func text(_ raw: UnsafeRawBufferPointer, isCDATA: Bool) throws(TableIssue) {}
}

private struct WorkbookHandler: XMLHandler {
    var date1904 = false
    var sheets: [(name: String, relationshipId: String?)] = []
    /// Local name of the root element: "workbook" for a spreadsheet, "document" for Word.
    var rootName: String?

    mutating func start(_ name: XMLName, _ attributes: XMLAttributes) throws(TableIssue) {
        if rootName == nil { rootName = String(decoding: name.bytes, as: UTF8.self) }
        if name.is("workbookPr") {
            let value = attributes.string("date1904")?.lowercased()
            date1904 = value == "1" || value == "true"
        } else if name.is("sheet") {
            sheets.append((attributes.string("name") ?? "Sheet\(sheets.count + 1)", attributes.string("id")))
        }
    }

    mutating func end(_ name: XMLName) throws(TableIssue) {}
    mutating func text(_ raw: UnsafeRawBufferPointer, isCDATA: Bool) throws(TableIssue) {}
}
