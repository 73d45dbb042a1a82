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

    var defaultValue: String {
        switch self {
        case .noticeMinimumDays: return "7"
        case .periodsPerYear: return "4"
        case .lockoutAttempts: return "5"
        case .lockoutMinutes: return "15"
        case .sessionIdleMinutes: return "30"
        case .sessionAbsoluteMinutes: return "720"
        case .payeeDropWarningPercent: return "10"
        }
    }

    func int(on db: any Database) async throws -> Int {
        let stored = try await Setting.find(rawValue, on: db)?.value
        return Int(stored ?? defaultValue) ?? Int(defaultValue)!
    }
}
