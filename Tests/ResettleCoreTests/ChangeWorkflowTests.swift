import ResettleCore
import Testing

@Suite("ChangeWorkflow")
struct ChangeWorkflowTests {
    static let noticeEnd = date("2022-07-07")
    static let afterNotice = date("2022-07-08")

    /// The allowed moves, written out independently of the implementation's switch.
    static let allowed: [ChangeStatus: [ChangeAction: ChangeStatus]] = [
        .noticePosted: [.townshipApprove: .awaitingCounty, .townshipReject: .rejected, .withdraw: .withdrawn],
        .awaitingCounty: [.countyApprove: .approved, .countyReject: .rejected, .withdraw: .withdrawn],
    ]

    /// The procedure as three different people take it: 甲 submits, 乙 reviews, 丙 approves.
    static func apply(
        _ action: ChangeAction, to status: ChangeStatus, today: CivilDate, noticeEnd: CivilDate, opinion: String
    ) throws(ChangeWorkflowError) -> ChangeStatus {
        let actor: String
        switch action {
        case .townshipApprove, .townshipReject: actor = "乙"
        case .countyApprove, .countyReject: actor = "丙"
        case .withdraw: actor = "甲"
        }
        return try ChangeWorkflow.apply(
            action, to: status, by: actor, submitter: "甲", townshipReviewer: status == .awaitingCounty ? "乙" : nil,
            today: today, noticeEnd: noticeEnd, opinion: opinion)
    }

    static let everyPair: [(ChangeStatus, ChangeAction)] =
        ChangeStatus.allCases.flatMap { s in ChangeAction.allCases.map { (s, $0) } }

    @Test("every status × action is allowed or refused as the procedure says", arguments: everyPair)
    func transitions(status: ChangeStatus, action: ChangeAction) throws {
        // given a request in `status`, after its notice has run, with an opinion written
        // when `action` is taken
        let result = Result { () throws(ChangeWorkflowError) -> ChangeStatus in
            try Self.apply(action, to: status, today: Self.afterNotice, noticeEnd: Self.noticeEnd, opinion: "同意")
        }
        // then it moves exactly where the table says, or is refused as not allowed
        if let target = Self.allowed[status]?[action] {
            #expect(try result.get() == target)
        } else {
            #expect(throws: ChangeWorkflowError.notAllowed(from: status, action: action)) { try result.get() }
        }
    }

    @Test("final statuses", arguments: ChangeStatus.allCases)
    func finality(status: ChangeStatus) {
        #expect(status.isFinal == [.approved, .rejected, .withdrawn].contains(status))
        #expect(!status.chinese.isEmpty)
    }

    @Test("a notice of exactly 7 days counting both ends is enough")
    func noticeExactlySeven() throws {
        // given a notice from 1 to 7 July
        // when validated against a 7-day minimum / then it passes, and counts 7 days
        try ChangeWorkflow.validateNotice(start: date("2022-07-01"), end: date("2022-07-07"), minimumDays: 7)
        #expect(ChangeWorkflow.noticeDays(start: date("2022-07-01"), end: date("2022-07-07")) == 7)
    }

    @Test(
        "a notice shorter than the minimum is refused with its length",
        arguments: [
            ("2022-07-01", "2022-07-06", 6), ("2022-07-01", "2022-07-01", 1), ("2022-06-28", "2022-07-01", 4),
        ])
    func noticeTooShort(start: String, end: String, days: Int) {
        #expect(throws: ChangeWorkflowError.noticeTooShort(days: days, minimum: 7)) {
            try ChangeWorkflow.validateNotice(start: date(start), end: date(end), minimumDays: 7)
        }
    }

    @Test("a notice across a month end counts calendar days")
    func noticeAcrossMonths() throws {
        try ChangeWorkflow.validateNotice(start: date("2024-02-25"), end: date("2024-03-02"), minimumDays: 7)
        #expect(throws: ChangeWorkflowError.noticeTooShort(days: 6, minimum: 7)) {
            try ChangeWorkflow.validateNotice(start: date("2023-02-25"), end: date("2023-03-02"), minimumDays: 7)
        }
    }

    @Test("a notice ending before it starts is refused")
    func noticeBackwards() {
        #expect(throws: ChangeWorkflowError.noticeEndsBeforeStart) {
            try ChangeWorkflow.validateNotice(start: date("2022-07-07"), end: date("2022-07-01"), minimumDays: 7)
        }
    }

    @Test(
        "the township cannot review while the notice runs, including its last day",
        arguments: [
            ("2022-07-01", ChangeAction.townshipApprove), ("2022-07-07", .townshipApprove),
            ("2022-07-07", .townshipReject),
        ])
    func reviewBeforeNoticeEnds(today: String, action: ChangeAction) {
        #expect(throws: ChangeWorkflowError.noticeNotFinished(endsOn: Self.noticeEnd)) {
            try Self.apply(action, to: .noticePosted, today: date(today), noticeEnd: Self.noticeEnd, opinion: "意见")
        }
    }

    @Test("the township may review the day after the notice ends")
    func reviewDayAfter() throws {
        #expect(
            try Self.apply(
                .townshipApprove, to: .noticePosted, today: Self.afterNotice, noticeEnd: Self.noticeEnd, opinion: "")
                == .awaitingCounty)
    }

    @Test(
        "rejection needs an opinion",
        arguments: [
            (ChangeStatus.noticePosted, ChangeAction.townshipReject, ""),
            (.noticePosted, .townshipReject, " \u{3000} "),
            (.awaitingCounty, .countyReject, ""), (.awaitingCounty, .countyReject, "\n"),
        ])
    func rejectionNeedsOpinion(status: ChangeStatus, action: ChangeAction, opinion: String) {
        #expect(throws: ChangeWorkflowError.opinionRequired) {
            try Self.apply(action, to: status, today: Self.afterNotice, noticeEnd: Self.noticeEnd, opinion: opinion)
        }
    }

    @Test(
        "approval and withdrawal need no opinion",
        arguments: [
            (ChangeStatus.awaitingCounty, ChangeAction.countyApprove, ChangeStatus.approved),
            (.noticePosted, .withdraw, .withdrawn), (.awaitingCounty, .withdraw, .withdrawn),
        ])
    func noOpinionNeeded(status: ChangeStatus, action: ChangeAction, target: ChangeStatus) throws {
        #expect(
            try Self.apply(action, to: status, today: Self.afterNotice, noticeEnd: Self.noticeEnd, opinion: "")
                == target)
    }

    @Test("withdrawal is allowed while the notice still runs")
    func withdrawDuringNotice() throws {
        #expect(
            try Self.apply(
                .withdraw, to: .noticePosted, today: date("2022-07-02"), noticeEnd: Self.noticeEnd, opinion: "")
                == .withdrawn)
    }

    @Test(
        "the status a change leaves",
        arguments: [
            (ChangeKind.addition, ReductionReason?.none, PersonStatus.pending, PersonStatus.active),
            (.restoration, nil, .suspended, .active),
            (.restoration, nil, .reduced, .active),
            (.reduction, .imprisonment, .active, .suspended),
            (.reduction, .death, .active, .reduced),
            (.reduction, .nonAgricultural, .active, .reduced),
            (.reduction, .other, .active, .reduced),
            (.reduction, nil, .active, .reduced),
            (.correction, nil, .active, .active),
            (.correction, nil, .suspended, .suspended),
        ])
    func resultingStatus(kind: ChangeKind, reason: ReductionReason?, current: PersonStatus, result: PersonStatus) {
        #expect(ChangeWorkflow.resultingStatus(kind: kind, reason: reason, current: current) == result)
    }

    @Test("every reduction reason but imprisonment removes the person", arguments: ReductionReason.allCases)
    func reductionReasons(reason: ReductionReason) {
        let result = ChangeWorkflow.resultingStatus(kind: .reduction, reason: reason, current: .active)
        #expect(result == (reason == .imprisonment ? .suspended : .reduced))
    }

    static let applicable: [ChangeKind: Set<PersonStatus>] = [
        .addition: [.pending], .reduction: [.active], .restoration: [.reduced, .suspended],
        .correction: Set(PersonStatus.allCases),
    ]

    @Test(
        "which changes apply to whom",
        arguments: ChangeKind.allCases.flatMap { k in PersonStatus.allCases.map { (k, $0) } })
    func applicability(kind: ChangeKind, status: PersonStatus) {
        #expect(ChangeWorkflow.isApplicable(kind, to: status) == Self.applicable[kind]!.contains(status))
    }

    /// Who is refused which step, written out: (action, actor, submitter, township reviewer, error).
    static let separation: [(ChangeAction, String, String, String?, ChangeWorkflowError?)] = [
        (.townshipApprove, "甲", "甲", nil, .submitterCannotReview),
        (.townshipReject, "甲", "甲", nil, .submitterCannotReview),
        (.townshipApprove, "乙", "甲", nil, nil),
        (.countyApprove, "甲", "甲", "乙", .submitterCannotApprove),
        (.countyReject, "甲", "甲", "乙", .submitterCannotApprove),
        (.countyApprove, "乙", "甲", "乙", .reviewerCannotApprove),
        (.countyReject, "乙", "甲", "乙", .reviewerCannotApprove),
        (.countyApprove, "丙", "甲", "乙", nil),
        (.countyReject, "丙", "甲", "乙", nil),
        (.withdraw, "甲", "甲", "乙", nil),
    ]

    @Test("submitter, township reviewer and county approver are three different people", arguments: separation)
    func threePeople(
        action: ChangeAction, actor: String, submitter: String, reviewer: String?, error: ChangeWorkflowError?
    ) throws {
        // given a request whose notice has run, in the status from which `action` is a step
        let status: ChangeStatus =
            action == .townshipApprove || action == .townshipReject ? .noticePosted : .awaitingCounty
        // when `actor` takes it
        let result = Result { () throws(ChangeWorkflowError) -> ChangeStatus in
            try ChangeWorkflow.apply(
                action, to: status, by: actor, submitter: submitter, townshipReviewer: reviewer,
                today: Self.afterNotice, noticeEnd: Self.noticeEnd, opinion: "意见")
        }
        // then it is refused for the person who already acted, and taken by anyone else
        if let error {
            #expect(throws: error) { try result.get() }
        } else {
            #expect(try result.get() == ChangeWorkflow.target(of: action, from: status))
        }
    }

    @Test("one person alone cannot carry a change through two steps")
    func onePersonAlone() {
        // given one administrator who submitted the request
        let admin = 1
        // when they review it / then refused
        #expect(throws: ChangeWorkflowError.submitterCannotReview) {
            try ChangeWorkflow.apply(
                .townshipApprove, to: .noticePosted, by: admin, submitter: admin, townshipReviewer: nil,
                today: Self.afterNotice, noticeEnd: Self.noticeEnd, opinion: "")
        }
        // and when another reviewed it, the submitter cannot approve either
        #expect(throws: ChangeWorkflowError.submitterCannotApprove) {
            try ChangeWorkflow.apply(
                .countyApprove, to: .awaitingCounty, by: admin, submitter: admin, townshipReviewer: 2,
                today: Self.afterNotice, noticeEnd: Self.noticeEnd, opinion: "")
        }
        // nor the reviewer approve what they reviewed
        #expect(throws: ChangeWorkflowError.reviewerCannotApprove) {
            try ChangeWorkflow.apply(
                .countyApprove, to: .awaitingCounty, by: 2, submitter: admin, townshipReviewer: 2,
                today: Self.afterNotice, noticeEnd: Self.noticeEnd, opinion: "")
        }
    }

    @Test("a step that does not exist is refused as such before asking who takes it")
    func notAllowedBeforeSeparation() {
        #expect(throws: ChangeWorkflowError.notAllowed(from: .noticePosted, action: .countyApprove)) {
            try ChangeWorkflow.apply(
                .countyApprove, to: .noticePosted, by: "甲", submitter: "甲", townshipReviewer: nil,
                today: Self.afterNotice, noticeEnd: Self.noticeEnd, opinion: "")
        }
    }

    @Test("a notice starting on or after the filing day needs no reason", arguments: ["2022-07-01", "2022-07-02"])
    func noticeFromFilingDay(start: String) throws {
        try ChangeWorkflow.validateNotice(
            start: date(start), end: date(start).adding(days: 6), minimumDays: 7, filedOn: date("2022-07-01"),
            earlyStartReason: "")
    }

    @Test("a notice starting before the filing day is refused without a reason", arguments: ["", "  ", "\u{3000}\n"])
    func backdatedNoticeNeedsReason(reason: String) {
        // given a notice of 1-7 July filed on 20 July, wholly in the past
        // when validated without a reason / then refused, naming both dates
        #expect(
            throws: ChangeWorkflowError.noticeStartsBeforeFiling(start: date("2022-07-01"), filedOn: date("2022-07-20"))
        ) {
            try ChangeWorkflow.validateNotice(
                start: date("2022-07-01"), end: date("2022-07-07"), minimumDays: 7, filedOn: date("2022-07-20"),
                earlyStartReason: reason)
        }
    }

    @Test("a notice starting before the filing day is accepted with a reason, but must still be long enough")
    func backdatedNoticeWithReason() throws {
        try ChangeWorkflow.validateNotice(
            start: date("2022-07-01"), end: date("2022-07-07"), minimumDays: 7, filedOn: date("2022-07-20"),
            earlyStartReason: "村里已于7月1日张榜公示，系统补录")
        #expect(throws: ChangeWorkflowError.noticeTooShort(days: 3, minimum: 7)) {
            try ChangeWorkflow.validateNotice(
                start: date("2022-07-01"), end: date("2022-07-03"), minimumDays: 7, filedOn: date("2022-07-20"),
                earlyStartReason: "补录")
        }
    }

    @Test("error messages say what happened")
    func messages() {
        #expect(ChangeWorkflowError.noticeTooShort(days: 6, minimum: 7).message == "公示期为6天，不得少于7天")
        #expect(ChangeWorkflowError.noticeNotFinished(endsOn: Self.noticeEnd).message.contains("2022年7月7日"))
        #expect(ChangeWorkflowError.opinionRequired.message.contains("意见"))
        #expect(ChangeWorkflowError.notAllowed(from: .approved, action: .withdraw).message.contains("已批准"))
        #expect(!ChangeWorkflowError.noticeEndsBeforeStart.message.isEmpty)
        #expect(ChangeWorkflowError.submitterCannotReview.message == "提交人不能审核自己提交的申请")
        #expect(ChangeWorkflowError.submitterCannotApprove.message == "提交人不能审批自己提交的申请")
        #expect(ChangeWorkflowError.reviewerCannotApprove.message.contains("乡镇审核人不能再审批"))
        let early = ChangeWorkflowError.noticeStartsBeforeFiling(start: date("2022-07-01"), filedOn: date("2022-07-20"))
            .message
        #expect(early.contains("2022年7月1日") && early.contains("2022年7月20日") && early.contains("原因"))
        #expect(ChangeAction.allCases.allSatisfy { !$0.chinese.isEmpty })
    }
}
