import Foundation

/// The documents a project's archive must hold (档案清单), in the order the project produces them.
enum ProjectDocument: String, CaseIterable, Codable, Sendable {
    case meetingRecord, noticePhotos, designBudget, approval, contract, startReport, progressPhotos
    case acceptanceReport, settlement, handover

    var chinese: String {
        switch self {
        case .meetingRecord: return "村民议事会议记录"
        case .noticePhotos: return "公示照片"
        case .designBudget: return "设计及预算"
        case .approval: return "立项批复"
        case .contract: return "施工合同"
        case .startReport: return "开工报告"
        case .progressPhotos: return "施工进度照片"
        case .acceptanceReport: return "验收报告"
        case .settlement: return "结算资料"
        case .handover: return "移交及管护资料"
        }
    }
}

/// The file types an attachment may be, recognised from the file's first bytes, not its name:
/// photos and scans (JPEG, PNG) and PDF. Anything else is refused.
enum AttachmentType: String, Sendable {
    case jpeg = "image/jpeg"
    case png = "image/png"
    case pdf = "application/pdf"

    /// The largest attachment accepted (a phone photo or a scanned report).
    static let maxBytes = 20 * 1024 * 1024

    init?(sniffing data: Data) {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if head.starts(with: Array("%PDF-".utf8)) {
            self = .pdf
        } else {
            return nil
        }
    }
}
