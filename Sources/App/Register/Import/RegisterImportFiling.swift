import Foundation
import ResettleCore

/// How the people of an import enter the register.
///
/// The county's first register (建库) is loaded into an empty register by an administrator, or on
/// the server itself (the command line, the demo), and its people are 在册 at once. Once the
/// register holds people, an import is a list of additions: each person is written 待审批 with an
/// addition request (调增) that goes through notice, township review and county approval like one
/// entered by hand, filed under the staff member who imports and the notice they give.
package struct RegisterImportFiling: Sendable {
    /// May load an empty register.
    var mayBuildRegister: Bool
    /// The addition requests' filer, notice and day of filing; nil where none was given, which
    /// refuses an import into a register that holds people.
    var additions: ImportedAdditions?

    /// On the server itself (the command line without `--by`, the demo, the benchmark): may build
    /// the register, files no additions.
    package static let onServer = RegisterImportFiling(mayBuildRegister: true, additions: nil)

    /// A signed-in staff member's import: only an administrator builds the register; the notice
    /// (checked by the caller) serves the additions of a register that holds people.
    static func by(_ user: User, notice: ChangeNotice?, evidence: String, today: CivilDate = .today()) throws
        -> RegisterImportFiling
    {
        RegisterImportFiling(
            mayBuildRegister: user.roleValue == .admin,
            additions: try notice.map {
                ImportedAdditions(
                    submitterID: try user.requireID(), submitterName: user.displayName, notice: $0, evidence: evidence,
                    filedOn: today)
            })
    }

    /// Why a file with no row errors is not written into a register holding `registered`
    /// people, or nil when it may be.
    func refusal(registered: Int) -> RegisterImportReport.RowIssue? {
        if registered == 0 {
            guard mayBuildRegister else {
                return .init(
                    row: 0, column: "", code: .initialLoadAdminOnly,
                    message: "移民库中还没有人员，这次导入是建库：导入的人员直接在册，须由系统管理员导入。请联系系统管理员。")
            }
            return nil
        }
        guard additions != nil else {
            return .init(
                row: 0, column: "", code: .additionsNeedNotice,
                message:
                    "移民库已有 \(registered) 人，导入的人员须作为调增申请公示和审批：请由提出申请的工作人员在导入页面填写公示起止日期后导入（命令行加 --by 用户名 --notice-start 日期 --notice-end 日期）。"
            )
        }
        return nil
    }

    /// The requests to write with the people: none for a first load.
    func requests(registered: Int) -> ImportedAdditions? { registered > 0 ? additions : nil }
}
