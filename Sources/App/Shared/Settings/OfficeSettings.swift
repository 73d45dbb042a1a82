import Fluent
import Foundation

/// Settings the office can change, with their defaults. Values live in the `settings` table.
enum OfficeSetting: String, CaseIterable, Sendable {
    /// Minimum days a change notice (公示) must run (Hunan practice: 7).
    case noticeMinimumDays = "notice_minimum_days"
    /// Payment periods per year (Shaodong pays quarterly).
    case periodsPerYear = "periods_per_year"
    /// Failed logins before an account is locked, and for how many minutes.
    case lockoutAttempts = "lockout_attempts"
    case lockoutMinutes = "lockout_minutes"
    /// A session ends after this many minutes without a request, and this many minutes after
    /// login whatever happens (30 minutes and 12 hours).
    case sessionIdleMinutes = "session_idle_minutes"
    case sessionAbsoluteMinutes = "session_absolute_minutes"
    /// A new roll that pays more than this share (percent) fewer people than the previous
    /// period's roll is flagged for a second look (many support windows ending, a bad import);
    /// a warning, never a refusal.
    case payeeDropWarningPercent = "payee_drop_warning_percent"
    /// Village projects using this much resettlement funds (fen) or more are spot-checked by
    /// the county after the township's acceptance and paid by the county (100,000元).
    case projectReviewThresholdFen = "project_review_threshold_fen"
    /// Minimum days the village posts a project's notice after its meeting (5).
    case projectNoticeMinimumDays = "project_notice_minimum_days"
    /// Works of this much (fen) or more need public tendering (4,000,000元); a warning.
    case projectTenderingFromFen = "project_tendering_from_fen"
    /// A retention above this share of the settled price, in basis points (3%), is flagged.
    case projectRetentionMaxBasisPoints = "project_retention_max_basis_points"
    /// A township whose unspent project money is more than this share (percent) of what was
    /// arranged to it is flagged on the funds overview.
    case townshipBalanceFlagPercent = "township_balance_flag_percent"
    /// The time limits of 信访工作条例 (2022), in days (the objection in working days).
    case petitionAcceptanceDays = "petition_acceptance_days"
    case petitionObjectionWorkdays = "petition_objection_workdays"
    case petitionHandlingDays = "petition_handling_days"
    case petitionExtensionMaxDays = "petition_extension_max_days"
    case petitionReviewRequestDays = "petition_review_request_days"
    case petitionReviewAnswerDays = "petition_review_answer_days"
    case petitionRereviewRequestDays = "petition_rereview_request_days"
    case petitionRereviewAnswerDays = "petition_rereview_answer_days"
    /// A visit of this many people or more is a group visit (集体访), which chooses at most
    /// `petitionMaxRepresentatives` representatives (5 and 5).
    case petitionGroupThreshold = "petition_group_threshold"
    case petitionMaxRepresentatives = "petition_max_representatives"
    /// User names of the petitions staff (信访工作人员), comma-separated: with the leadership
    /// and the assigned they see restricted petitions.
    case petitionStaff = "petition_staff"
    /// Trainees are resettlers of working age, by their age on the class's first day (16 to 60).
    case trainingMinimumAge = "training_minimum_age"
    case trainingMaximumAge = "training_maximum_age"
    /// The office's name as it signs letters (the 处理意见书).
    case officeName = "office_name"
    /// The body of the 处理意见书, one paragraph a line, with the petition's fields in braces
    /// (`PetitionReplyDocument.fields`).
    case petitionReplyTemplate = "petition_reply_template"

    var defaultValue: String {
        switch self {
        case .noticeMinimumDays: return "7"
        case .periodsPerYear: return "4"
        case .lockoutAttempts: return "5"
        case .lockoutMinutes: return "15"
        case .sessionIdleMinutes: return "30"
        case .sessionAbsoluteMinutes: return "720"
        case .payeeDropWarningPercent: return "10"
        case .projectReviewThresholdFen: return "10000000"
        case .projectNoticeMinimumDays: return "5"
        case .projectTenderingFromFen: return "400000000"
        case .projectRetentionMaxBasisPoints: return "300"
        case .townshipBalanceFlagPercent: return "30"
        case .petitionAcceptanceDays: return "15"
        case .petitionObjectionWorkdays: return "5"
        case .petitionHandlingDays: return "60"
        case .petitionExtensionMaxDays: return "30"
        case .petitionReviewRequestDays, .petitionReviewAnswerDays: return "30"
        case .petitionRereviewRequestDays, .petitionRereviewAnswerDays: return "30"
        case .petitionGroupThreshold, .petitionMaxRepresentatives: return "5"
        case .petitionStaff: return ""
        case .trainingMinimumAge: return "16"
        case .trainingMaximumAge: return "60"
        case .officeName: return "库区移民事务中心"
        case .petitionReplyTemplate: return PetitionReplyDocument.defaultTemplate
        }
    }

    func text(on db: any Database) async throws -> String {
        try await Setting.find(rawValue, on: db)?.value ?? defaultValue
    }

    func int(on db: any Database) async throws -> Int {
        let stored = try await Setting.find(rawValue, on: db)?.value
        return Int(stored ?? defaultValue) ?? Int(defaultValue)!
    }
}
