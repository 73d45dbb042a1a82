import Foundation

/// Why a workbook or document could not be written. The messages are Chinese because they can
/// reach users (e.g. an export named after a user-entered sheet title).
public enum OfficeWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidSheetName(String)
    case duplicateSheetName(String)
    case noSheets
    case invalidDate(year: Int, month: Int, day: Int)
    case invalidTable(String)
    case invalidHeadingLevel(Int)
    case tooLarge
    case compression(Int)
    case io(String)

    public var description: String {
        switch self {
        case .invalidSheetName(let name):
            return "工作表名称“\(name)”无效：不能为空、不能超过 31 个字符、不能包含 [ ] : * ? / \\ 。"
        case .duplicateSheetName(let name):
            return "工作表名称“\(name)”重复。"
        case .noSheets:
            return "工作簿至少需要一个工作表。"
        case .invalidDate(let year, let month, let day):
            return "日期 \(year)-\(month)-\(day) 无效。"
        case .invalidTable(let detail):
            return "表格结构无效：\(detail)"
        case .invalidHeadingLevel(let level):
            return "标题级别 \(level) 无效，只支持 1–3 级。"
        case .tooLarge:
            return "生成的文件超过 4 GB 或条目过多，请分批导出。"
        case .compression(let status):
            return "压缩数据时出错（zlib 错误 \(status)）。"
        case .io(let detail):
            return "写入文件失败：\(detail)"
        }
    }
}
