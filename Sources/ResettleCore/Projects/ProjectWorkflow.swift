/// Where a village project stands, from the village meeting to the handover. Each stage is
/// reached by one recorded step (`ProjectStepKind`); `ProjectWorkflow` holds the order.
public enum ProjectStage: String, Sendable, Codable, CaseIterable {
    /// The village meeting chose the project (一事一议) and the notice is posted.
    case proposed
    /// The township submitted it to the county.
    case submitted
    /// The county's pre-review team (事前) agreed.
    case preReviewed
    /// Approved into the annual plan, with its document number and approved amount.
    case planned
    /// The township project office is building it (事中).
    case implementing
    /// The township accepted the finished works.
    case accepted
    /// The county's spot-check (抽查复核) found it in order: only for projects whose route needs it.
    case checked
    /// Handed over to its owner and upkeep body: the project is done.
    case closed
    /// The pre-review team sent it back; the village may propose it again as a new project.
    case returned

    public var chinese: String {
        switch self {
        case .proposed: return "村级议事公示"
        case .submitted: return "乡镇已申报"
        case .preReviewed: return "县级预审通过"
        case .planned: return "已列入年度计划"
        case .implementing: return "实施中"
        case .accepted: return "乡镇已验收"
        case .checked: return "县级已复核"
        case .closed: return "已完工移交"
        case .returned: return "预审退回"
        }
    }

    /// Building has started (for 开工率).
    public var hasStarted: Bool {
        switch self {
        case .implementing, .accepted, .checked, .closed: return true
        case .proposed, .submitted, .preReviewed, .planned, .returned: return false
        }
    }

    /// The township has accepted the works.
    public var isAccepted: Bool { self == .accepted || self == .checked || self == .closed }
}

/// One recorded step of a project's life.
public enum ProjectStepKind: String, Sendable, Codable, CaseIterable {
    case meeting
    case submission
    case preReview
    case approval
    case start
    case progress
    case designChange
    case acceptance
    case spotCheck
    case handover

    public var chinese: String {
        switch self {
        case .meeting: return "村民议事与公示"
        case .submission: return "乡镇申报"
        case .preReview: return "县级事前预审"
        case .approval: return "列入年度计划"
        case .start: return "开工"
        case .progress: return "进度报告"
        case .designChange: return "设计变更"
        case .acceptance: return "乡镇验收"
        case .spotCheck: return "县级抽查复核"
        case .handover: return "完工移交"
        }
    }
}

public enum ProjectWorkflowError: Error, Equatable, Sendable {
    case outOfOrder(step: ProjectStepKind, stage: ProjectStage)
    case noticeTooShort(days: Int, minimum: Int)
    case noticeNotOver(noticeEnd: CivilDate)
    case progressBackwards(from: Int, to: Int)
    case progressOutOfRange(Int)
    case reviewNotNeeded
    case paymentsOutstanding

    public var message: String {
        switch self {
        case .outOfOrder(let step, let stage):
            return
                "项目当前为“\(stage.chinese)”，不能办理“\(step.chinese)”；请按 村民议事 → 乡镇申报 → 县级预审 → 列入计划 → 开工 → 验收 → 复核 → 拨付 → 移交 的顺序办理"
        case .noticeTooShort(let days, let minimum):
            return "公示期只有\(days)天，至少须公示\(minimum)天"
        case .noticeNotOver(let end):
            return "公示到\(end.chinese)才期满，期满后乡镇方可申报"
        case .progressBackwards(let from, let to):
            return "工程进度不能倒退（原为\(from)%，填写为\(to)%）"
        case .progressOutOfRange(let p):
            return "工程进度应在0%至100%之间（填写为\(p)%）"
        case .reviewNotNeeded:
            return "该项目使用移民资金低于县级复核起点，由乡镇验收后报账，无需县级抽查复核"
        case .paymentsOutstanding:
            return "项目尚未按核定金额拨付完毕（不含质保金），不能移交"
        }
    }
}

/// The order of a project's steps. Only the rules live here: who may record a step is the
/// application's business.
public enum ProjectWorkflow {
    /// The days a notice runs, both ends included.
    public static func noticeDays(from start: CivilDate, to end: CivilDate) -> Int {
        start.days(until: end) + 1
    }

    /// Checks the notice posted after the village meeting: at least `minimumDays` (5 by default).
    public static func checkNotice(start: CivilDate, end: CivilDate, minimumDays: Int) throws(ProjectWorkflowError) {
        let days = noticeDays(from: start, to: end)
        guard days >= minimumDays else { throw .noticeTooShort(days: max(days, 0), minimum: minimumDays) }
    }

    /// The stage a step leads to from `stage`, or the reason it may not be taken now.
    /// `passed` is the pre-review's or spot-check's outcome; `route` decides whether the
    /// county's review comes between acceptance and payment.
    public static func stage(
        after step: ProjectStepKind, from stage: ProjectStage, route: PaymentRoute, passed: Bool = true,
        fullyPaid: Bool = false
    ) throws(ProjectWorkflowError) -> ProjectStage {
        switch (step, stage) {
        case (.submission, .proposed): return .submitted
        case (.preReview, .submitted): return passed ? .preReviewed : .returned
        case (.approval, .preReviewed): return .planned
        case (.start, .planned): return .implementing
        case (.progress, .implementing), (.designChange, .implementing): return .implementing
        case (.acceptance, .implementing): return .accepted
        case (.spotCheck, .accepted):
            guard route.needsCountyReview else { throw .reviewNotNeeded }
            return passed ? .checked : .accepted
        case (.handover, .accepted) where !route.needsCountyReview, (.handover, .checked):
            guard fullyPaid else { throw .paymentsOutstanding }
            return .closed
        default:
            throw .outOfOrder(step: step, stage: stage)
        }
    }

    /// Progress only moves forward and stays within 0…100.
    public static func checkProgress(from old: Int, to new: Int) throws(ProjectWorkflowError) {
        guard (0...100).contains(new) else { throw .progressOutOfRange(new) }
        guard new >= old else { throw .progressBackwards(from: old, to: new) }
    }
}
