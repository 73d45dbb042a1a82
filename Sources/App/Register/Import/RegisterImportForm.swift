import Fluent
import ResettleCore

/// The import page's choice between a first load (建库) and a list of additions (调增), and the
/// additions' notice as the form gives it.
struct RegisterImportForm: Sendable {
    /// People in the register now: none means the next import builds it.
    var registered: Int
    var mayBuildRegister: Bool
    var today: String
    var noticeEndDefault: String

    var buildsRegister: Bool { registered == 0 }

    static func load(for user: User, on db: any Database) async throws -> RegisterImportForm {
        let today = CivilDate.today()
        let minimum = try await OfficeSetting.noticeMinimumDays.int(on: db)
        return RegisterImportForm(
            registered: try await Person.query(on: db).count(), mayBuildRegister: user.roleValue == .admin,
            today: today.iso, noticeEndDefault: today.adding(days: minimum - 1).iso)
    }

    /// How `user`'s upload enters the register, from the form's fields: refused before the file
    /// is read when a first load is not theirs to make or the additions' notice is wrong. The
    /// import checks the register again in its transaction (`RegisterImportFiling.refusal`).
    static func filing(_ fields: [String: String], user: User, service: ChangeService) async throws
        -> RegisterImportFiling
    {
        let registered = try await Person.query(on: service.db).count()
        if registered == 0 {
            guard user.roleValue == .admin else {
                throw ResettleError.invalidInput("移民库中还没有人员，这次导入是建库，须由系统管理员导入。请联系系统管理员。")
            }
            return try .by(user, notice: nil, evidence: "")
        }
        let start = fields["notice_start", default: ""].trimmingIDWhitespace()
        let end = fields["notice_end", default: ""].trimmingIDWhitespace()
        guard let noticeStart = CivilDate(parsing: start) else {
            throw ResettleError.invalidField(
                start.isEmpty ? "请填写公示开始日期" : "公示开始日期“\(start)”不是有效日期", field: "notice_start")
        }
        guard let noticeEnd = CivilDate(parsing: end) else {
            throw ResettleError.invalidField(
                end.isEmpty ? "请填写公示结束日期" : "公示结束日期“\(end)”不是有效日期", field: "notice_end")
        }
        let reason = fields["notice_reason", default: ""].trimmingIDWhitespace()
        try await service.validateNotice(start: noticeStart, end: noticeEnd, reason: reason)
        let notice = ChangeNotice(start: noticeStart, end: noticeEnd, reason: reason.isEmpty ? nil : reason)
        return try .by(
            user, notice: notice, evidence: fields["evidence", default: ""].trimmingIDWhitespace(), today: service.today
        )
    }
}
