import Foundation
import ResettleOffice

/// Why an import refused a row or a whole file: one list for every import that shows its
/// problems in `IssueTable` (the register, regions, bank results, provincial lists), so one code
/// reads the same everywhere. The raw value is the stable code scripts read (the CLI's report,
/// the `code` column of an error list); people read `chinese`, on the page and in the error list.
enum ImportIssueCode: String, Sendable, Codable, CaseIterable {
    case invalidID = "invalid_id"
    case duplicateIDInFile = "duplicate_id_in_file"
    case idExists = "id_exists"
    case missingValue = "missing_value"
    case unknownRegion = "unknown_region"
    case sexMismatch = "sex_mismatch"
    case invalidDate = "invalid_date"
    /// The head a member names is neither in the file nor in the register.
    case headNotFound = "head_not_found"
    /// The head a member names is in the file, on a row that has errors of its own.
    case headRowHasErrors = "head_row_has_errors"
    case invalidValue = "invalid_value"
    /// A bank card failing the Luhn check: a warning (passbook accounts fail it too).
    case cardCheckFailed = "card_check_failed"
    case invalidAmount = "invalid_amount"
    /// An ID or card number Excel stored as a number and rounded.
    case damagedNumber = "damaged_number"
    case rollNotLocked = "roll_not_locked"
    case duplicateFile = "duplicate_file"
    case noRows = "no_rows"
    /// The file itself could not be read (not a row problem): wrong format, missing columns,
    /// encrypted workbook, legacy `.xls`.
    case fileError = "file_error"
    /// A first load (建库) by someone other than an administrator.
    case initialLoadAdminOnly = "initial_load_admin_only"
    /// An import into a register that holds people, without the notice its additions need.
    case additionsNeedNotice = "additions_need_notice"

    /// The word a clerk reads for the code.
    var chinese: String {
        switch self {
        case .invalidID: return "身份证号无效"
        case .duplicateIDInFile: return "身份证号重复"
        case .idExists: return "已在移民库中"
        case .missingValue: return "必填项为空"
        case .unknownRegion: return "区划不存在"
        case .sexMismatch: return "性别不符"
        case .invalidDate: return "日期无效"
        case .headNotFound: return "户主缺失"
        case .headRowHasErrors: return "户主行有错误"
        case .invalidValue: return "填写有误"
        case .cardCheckFailed: return "卡号未通过校验"
        case .invalidAmount: return "金额无效"
        case .damagedNumber: return "号码被存成数字"
        case .rollNotLocked: return "花名册未锁定"
        case .duplicateFile: return "重复文件"
        case .noRows: return "没有数据行"
        case .fileError: return "文件有误"
        case .initialLoadAdminOnly: return "建库须由管理员导入"
        case .additionsNeedNotice: return "缺少调增公示"
        }
    }
}

/// A problem an import found, in the `row,column,code,message` form every import reports.
protocol ImportIssue {
    /// The spreadsheet row; 0 for the file as a whole.
    var row: Int { get }
    var column: String { get }
    var code: ImportIssueCode { get }
    var message: String { get }
}

/// The two lists of an import's problems that leave the system as files.
enum ImportIssueList {
    /// For scripts (`resettle import … --errors`): `row,column,code,message` with the English code.
    static func scriptRows(_ issues: [some ImportIssue]) -> [[String]] {
        [["row", "column", "code", "message"]]
            + sorted(issues).map { [String($0.row), $0.column, $0.code.rawValue, $0.message] }
    }

    /// For people (the error list on the import page): Chinese headers and words, the English code
    /// last for anyone who sorts by it.
    static func peopleRows(_ issues: [some ImportIssue]) -> [[String]] {
        [["行", "列", "类别", "说明", "code"]]
            + sorted(issues).map {
                [$0.row == 0 ? "" : String($0.row), $0.column, $0.code.chinese, $0.message, $0.code.rawValue]
            }
    }

    static func peopleCSV(_ issues: [some ImportIssue]) -> Data {
        CSVWriter.data(rows: peopleRows(issues), encoding: .utf8BOM)
    }

    /// By row, then column, as the lists have always been sorted.
    static func sorted<Issue: ImportIssue>(_ issues: [Issue]) -> [Issue] {
        issues.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }
}
