/// Package parts that XLSX and DOCX files share: both are Office Open XML packages with the
/// same document-properties parts.
enum OOXMLPackageParts {
    static let appProperties = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Resettle</Application></Properties>
        """

    static let coreProperties = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Resettle</dc:creator></cp:coreProperties>
        """
}
