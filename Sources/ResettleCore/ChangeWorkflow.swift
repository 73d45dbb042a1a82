/// The procedure every change to the register goes through: the village posts a public notice
/// (公示) for at least a set number of days, the township reviews once the notice has run, the
/// county approves. Rejection at either level ends the request. This type holds only the
/// rules; who may act is decided by the application from the user's role.
public enum ChangeStatus: String, Sendable, Codable, CaseIterable {
    /// The notice is posted; the township may review once it has ended.
    case noticePosted
    /// The township agreed; waiting for county approval.
    case awaitingCounty
    case approved
    case rejected
    case withdrawn

    public var chinese: String {
        switch self {
        case .noticePosted: return "公示中/待乡镇审核"
        case .awaitingCounty: return "待县级审批"
        case .approved: return "已批准"
        case .rejected: return "已驳回"
        case .withdrawn: return "已撤回"
        }
    }

    public var isFinal: Bool { self == .approved || self == .rejected || self == .withdrawn }
}

/// Where a request stands as staff read it. A posted request is 公示中 up to and including the
/// notice's last day and 待乡镇审核 from the day after, when the township may review it; the
/// stored status does not change on that day, so the stage is derived from status and date.
public enum ChangeStage: String, Sendable, Codable, CaseIterable {
    case noticing
    case awaitingTownship
    case awaitingCounty
    case approved
    case rejected
    case withdrawn

    public init(status: ChangeStatus, noticeEnd: CivilDate?, today: CivilDate) {
        switch status {
        case .noticePosted:
            let ended = noticeEnd.map { today > $0 } ?? true
            self = ended ? .awaitingTownship : .noticing
        case .awaitingCounty: self = .awaitingCounty
        case .approved: self = .approved
        case .rejected: self = .rejected
        case .withdrawn: self = .withdrawn
        }
    }

    /// The first day the township may review a request whose notice ends on `noticeEnd`.
    public static func reviewableFrom(noticeEnd: CivilDate) -> CivilDate { noticeEnd.adding(days: 1) }

    public var chinese: String {
        switch self {
        case .noticing: return "公示中"
        case .awaitingTownship: return "待乡镇审核"
        case .awaitingCounty: return "待县级审批"
        case .approved: return "已批准"
        case .rejected: return "已驳回"
        case .withdrawn: return "已撤回"
        }
    }
}

public enum ChangeAction: String, Sendable, Codable, CaseIterable {
    case townshipApprove
    case townshipReject
    case countyApprove
    case countyReject
    case withdraw

    public var chinese: String {
        switch self {
        case .townshipApprove: return "乡镇审核通过"
        case .townshipReject: return "乡镇审核不通过"
        case .countyApprove: return "县级审批通过"
        case .countyReject: return "县级审批不通过"
        case .withdraw: return "撤回"
        }
    }
}

public enum ChangeWorkflowError: Error, Equatable, Sendable {
    case noticeTooShort(days: Int, minimum: Int)
    case noticeEndsBeforeStart
    case noticeNotFinished(endsOn: CivilDate)
    case notAllowed(from: ChangeStatus, action: ChangeAction)
    case opinionRequired
    /// The notice started before the request was filed and no reason says why.
    case noticeStartsBeforeFiling(start: CivilDate, filedOn: CivilDate)
    case submitterCannotReview
    case submitterCannotApprove
    case reviewerCannotApprove

    public var message: String {
        switch self {
        case .noticeTooShort(let days, let minimum): return "公示期为\(days)天，不得少于\(minimum)天"
        case .noticeEndsBeforeStart: return "公示结束日期早于开始日期"
        case .noticeNotFinished(let end): return "公示期至\(end.chinese)结束，公示期满后方可审核"
        case .notAllowed(let from, let action): return "当前状态“\(from.chinese)”下不能执行“\(action.chinese)”"
        case .opinionRequired: return "不通过时必须填写意见"
        case .noticeStartsBeforeFiling(let start, let filed):
            return "公示开始日期\(start.chinese)早于申请日期\(filed.chinese)，须填写公示早于申请的原因"
        case .submitterCannotReview: return "提交人不能审核自己提交的申请"
        case .submitterCannotApprove: return "提交人不能审批自己提交的申请"
        case .reviewerCannotApprove: return "乡镇审核人不能再审批同一申请，须由另一人审批"
        }
    }
}

public enum ChangeWorkflow {
    /// Days of a notice, counting both its first and last day.
    public static func noticeDays(start: CivilDate, end: CivilDate) -> Int { start.days(until: end) + 1 }

    public static func validateNotice(start: CivilDate, end: CivilDate, minimumDays: Int) throws(ChangeWorkflowError) {
        guard end >= start else { throw .noticeEndsBeforeStart }
        let days = noticeDays(start: start, end: end)
        guard days >= minimumDays else { throw .noticeTooShort(days: days, minimum: minimumDays) }
    }

    /// A notice as filed on `filedOn`. A notice that started earlier (the village posted it before
    /// the request was entered) is accepted only with a reason, which is kept and shown: without
    /// this a notice lying wholly in the past would let review and approval follow on the day of
    /// filing, and the earliest review is otherwise the filing date plus the notice days.
    public static func validateNotice(
        start: CivilDate, end: CivilDate, minimumDays: Int, filedOn: CivilDate, earlyStartReason: String
    ) throws(ChangeWorkflowError) {
        try validateNotice(start: start, end: end, minimumDays: minimumDays)
        if start < filedOn && earlyStartReason.trimmingIDWhitespace().isEmpty {
            throw .noticeStartsBeforeFiling(start: start, filedOn: filedOn)
        }
    }

    /// Where `action` leads from `status`, or nil when the procedure has no such step.
    public static func target(of action: ChangeAction, from status: ChangeStatus) -> ChangeStatus? {
        switch (status, action) {
        case (.noticePosted, .townshipApprove): return .awaitingCounty
        case (.noticePosted, .townshipReject), (.awaitingCounty, .countyReject): return .rejected
        case (.awaitingCounty, .countyApprove): return .approved
        case (.noticePosted, .withdraw), (.awaitingCounty, .withdraw): return .withdrawn
        default: return nil
        }
    }

    /// The submitter, the township reviewer and the county approver are three different people,
    /// whatever their roles: an administrator holds both review roles, so roles alone cannot keep
    /// one person from carrying a change through. Identities are compared, never display names.
    public static func checkSeparation<ID: Equatable>(
        _ action: ChangeAction, by actor: ID, submitter: ID, townshipReviewer: ID?
    ) throws(ChangeWorkflowError) {
        switch action {
        case .townshipApprove, .townshipReject:
            guard actor != submitter else { throw .submitterCannotReview }
        case .countyApprove, .countyReject:
            guard actor != submitter else { throw .submitterCannotApprove }
            guard actor != townshipReviewer else { throw .reviewerCannotApprove }
        case .withdraw:
            break
        }
    }

    /// The status after `actor` takes `action`, or why it cannot be taken now: first whether the
    /// step exists at all, then who may take it, then the notice period and the opinion.
    public static func apply<ID: Equatable>(
        _ action: ChangeAction, to status: ChangeStatus, by actor: ID, submitter: ID, townshipReviewer: ID?,
        today: CivilDate, noticeEnd: CivilDate, opinion: String
    ) throws(ChangeWorkflowError) -> ChangeStatus {
        guard let result = target(of: action, from: status) else { throw .notAllowed(from: status, action: action) }
        try checkSeparation(action, by: actor, submitter: submitter, townshipReviewer: townshipReviewer)
        if action == .townshipApprove || action == .townshipReject {
            guard today > noticeEnd else { throw .noticeNotFinished(endsOn: noticeEnd) }
        }
        if result == .rejected && opinion.trimmingIDWhitespace().isEmpty { throw .opinionRequired }
        return result
    }

    /// The status a person has from the effective period on, once a change is approved.
    public static func resultingStatus(kind: ChangeKind, reason: ReductionReason?, current: PersonStatus)
        -> PersonStatus
    {
        switch kind {
        case .addition, .restoration: return .active
        case .reduction: return reason?.suspendsOnly == true ? .suspended : .reduced
        case .correction: return current
        }
    }

    /// Whether `kind` may be requested for a person in `status`.
    public static func isApplicable(_ kind: ChangeKind, to status: PersonStatus) -> Bool {
        switch kind {
        case .addition: return status == .pending
        case .reduction: return status == .active
        case .restoration: return status == .reduced || status == .suspended
        case .correction: return true
        }
    }
}
