import Fluent
import ResettleCore
import Vapor

/// A request to change the register: notice, township review, county approval.
final class ChangeRequest: Model, @unchecked Sendable {
    static let schema = "change_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "reason_text") var reasonText: String
    @Field(key: "evidence") var evidence: String
    /// For corrections: JSON object field → {"old": …, "new": …}.
    @Field(key: "changes_json") var changesJSON: String
    @Field(key: "notice_start") var noticeStart: String
    @Field(key: "notice_end") var noticeEnd: String
    /// Why the notice started before the request was filed (set only then; see AddChangeNoticeReason).
    @OptionalField(key: "notice_reason") var noticeReason: String?
    /// The day of the event behind a reduction (`ReductionReason.isDatedEvent`), ISO.
    @OptionalField(key: "event_date") var eventDate: String?
    @Field(key: "status") var status: String
    @Field(key: "submitted_by") var submittedBy: UUID
    @Field(key: "submitted_by_name") var submittedByName: String
    @Field(key: "submitted_on") var submittedOn: String
    @OptionalField(key: "decided_on") var decidedOn: String?
    @OptionalField(key: "effective_period") var effectivePeriod: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var kindValue: ChangeKind { ChangeKind(rawValue: kind) ?? .correction }
    var statusValue: ChangeStatus { ChangeStatus(rawValue: status) ?? .noticePosted }
    /// 公示中 or 待乡镇审核 on `today` for a posted request, else its status.
    func stage(today: CivilDate = .today()) -> ChangeStage {
        ChangeStage(status: statusValue, noticeEnd: CivilDate(parsing: noticeEnd), today: today)
    }
    var reasonValue: ReductionReason? { reason.flatMap(ReductionReason.init(rawValue:)) }
}

/// One step of a change request: who did what, when, with what opinion.
final class ChangeStep: Model, @unchecked Sendable {
    static let schema = "change_steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "change_request_id") var changeRequestID: UUID
    @Field(key: "action") var action: String
    @Field(key: "from_status") var fromStatus: String
    @Field(key: "to_status") var toStatus: String
    @Field(key: "actor_id") var actorID: UUID
    @Field(key: "actor_name") var actorName: String
    @Field(key: "opinion") var opinion: String
    @Field(key: "acted_on") var actedOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
