/// What a user may do. Checked on the server for every request; menus only mirror it.
enum Role: String, Codable, CaseIterable, Sendable {
    case admin
    case county
    case leader
    case township
    case finance
    case discipline

    var chinese: String {
        switch self {
        case .admin: return "系统管理员"
        case .county: return "县级业务人员"
        case .leader: return "中心领导"
        case .township: return "乡镇移民专干"
        case .finance: return "财政局（只读）"
        case .discipline: return "纪检组（只读）"
        }
    }

    /// Roles that may change the register (submit changes, import).
    var canEditRegister: Bool { self == .admin || self == .county || self == .township }
    /// The township review step.
    var canReviewAsTownship: Bool { self == .township || self == .admin }
    /// The county approval step belongs to leadership.
    var canApproveAsCounty: Bool { self == .leader || self == .admin }
    var canReadAudit: Bool { self == .admin || self == .discipline }
    var canManageUsers: Bool { self == .admin }
    var isReadOnly: Bool { self == .finance || self == .discipline }
}
