import Foundation

/// Page geometry and typography of GB/T 9704-2012, in Word units (twips = 1/20 pt; half-points
/// for font sizes).
enum DocxLayout {
    static func twips(mm: Double) -> Int { Int((mm / 25.4 * 1440).rounded()) }

    static let pageWidth = 11_906  // A4 210 mm
    static let pageHeight = 16_838  // A4 297 mm
    static let marginTop = twips(mm: 37)  // 2098
    static let marginBottom = twips(mm: 35)  // 1984
    static let marginLeft = twips(mm: 28)  // 1587
    static let marginRight = twips(mm: 26)  // 1474
    /// Footer baseline distance: the page number sits about 7 mm below the text block.
    static let footerDistance = twips(mm: 22)
    static let headerDistance = twips(mm: 15)

    static let textWidth = pageWidth - marginLeft - marginRight  // 8845 twips ≈ 156 mm
    static let textHeight = pageHeight - marginTop - marginBottom  // 12756 twips ≈ 225 mm

    static let linesPerPage = 22
    static let charactersPerLine = 28
    static let bodySizeHalfPoints = 32  // 三号 16 pt
    static let titleSizeHalfPoints = 44  // 二号 22 pt
    static let pageNumberSizeHalfPoints = 28  // 四号 14 pt

    /// Line pitch of the document grid: text height / 22 lines.
    static let linePitch = textHeight / linesPerPage  // 579

    /// Word's `charSpace` is the extra pitch per character in 1/4096 pt over the default font
    /// size: (text width / 28 − 16 pt) × 4096.
    static var charSpace: Int {
        let pitchPoints = Double(textWidth) / Double(charactersPerLine) / 20
        return Int(((pitchPoints - Double(bodySizeHalfPoints) / 2) * 4096).rounded(.down))  // -842
    }

    static let titleFont = "方正小标宋简体"
    static let bodyFont = "仿宋_GB2312"
    static let heading1Font = "黑体"
    static let heading2Font = "楷体_GB2312"
    static let heading3Font = "仿宋_GB2312"
    static let latinFont = "Times New Roman"
    static let pageNumberFont = "宋体"

    /// Fonts missing on most machines and the one Word/WPS/LibreOffice should use instead
    /// (`w:altName` in the font table).
    static let fallbacks: [(font: String, fallback: String)] = [
        (titleFont, "宋体"),
        (bodyFont, "仿宋"),
        (heading2Font, "楷体"),
        (heading1Font, "SimHei"),
        ("宋体", "SimSun"),
    ]
}
