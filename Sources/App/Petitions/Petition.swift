import Fluent
import Foundation
import ResettleCore
import Vapor

/// One petition (信访事项) as registered the day it came in, with every step of its procedure
/// as a date: the decision on acceptance, an objection, the assignment, the one extension, the
/// written reply and its delivery, the petitioner's satisfaction, and the review and re-review.
/// Dates are ISO days; the clocks are computed from them (`procedure`), never stored.
final class Petition: Model, @unchecked Sendable {
    static let schema = "petitions"

    @ID(key: .id) var id: UUID?
    /// 信访编号, e.g. XF2022-0007: the year of receipt and its order in that year.
    @Field(key: "number") var number: String
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "channel") var channel: String
    /// The higher office's reference of an item it assigned (转交办); nil otherwise.
    @OptionalField(key: "referral_reference") var referralReference: String?
    @Field(key: "headcount") var headcount: Int
    @Field(key: "township_code") var townshipCode: String
    @OptionalField(key: "village_code") var villageCode: String?
    @Field(key: "category") var category: String
    @Field(key: "request") var request: String
    @Field(key: "facts") var facts: String
    @Field(key: "restricted") var restricted: Bool
    /// The register person the petition is about (their subsidy, their status).
    @OptionalField(key: "person_id") var personID: UUID?
    /// The earlier petition of the same person on the same matter (重复信访).
    @OptionalField(key: "repeat_of_id") var repeatOfID: UUID?

    @OptionalField(key: "decision") var decision: String?
    @OptionalField(key: "decided_on") var decidedOn: String?
    @OptionalField(key: "decision_note") var decisionNote: String?
    @OptionalField(key: "objected_on") var objectedOn: String?

    @OptionalField(key: "assigned_to") var assignedTo: String?
    @OptionalField(key: "assignee") var assignee: String?
    @OptionalField(key: "assigned_due") var assignedDue: String?

    @OptionalField(key: "extension_days") var extensionDays: Int?
    @OptionalField(key: "extension_reason") var extensionReason: String?
    @OptionalField(key: "extension_approved_by") var extensionApprovedBy: String?
    @OptionalField(key: "extension_approved_on") var extensionApprovedOn: String?
    @OptionalField(key: "extension_told_on") var extensionToldOn: String?

    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "reply_opinion") var replyOpinion: String?
    @OptionalField(key: "replied_on") var repliedOn: String?
    @OptionalField(key: "reply_delivered_on") var replyDeliveredOn: String?
    @OptionalField(key: "satisfaction") var satisfaction: String?

    @OptionalField(key: "review_requested_on") var reviewRequestedOn: String?
    @Field(key: "review_hearing_days") var reviewHearingDays: Int
    @OptionalField(key: "review_answered_on") var reviewAnsweredOn: String?
    @OptionalField(key: "review_opinion") var reviewOpinion: String?
    @OptionalField(key: "rereview_requested_on") var rereviewRequestedOn: String?
    @Field(key: "rereview_hearing_days") var rereviewHearingDays: Int
    @OptionalField(key: "rereview_answered_on") var rereviewAnsweredOn: String?
    @OptionalField(key: "rereview_opinion") var rereviewOpinion: String?

    /// The stage, kept for listing and filtering; always `procedure(…).stage` after a step.
    @Field(key: "stage") var stage: String
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var stageValue: PetitionStage { PetitionStage(rawValue: stage) ?? .registered }
    var channelValue: PetitionChannel { PetitionChannel(rawValue: channel) ?? .visit }
    var received: CivilDate { CivilDate(parsing: receivedOn) ?? CivilDate(year: 2000, month: 1, day: 1)! }

    /// The dates of the procedure, with the office's limits and working days.
    func procedure(_ rules: PetitionRules) -> PetitionProcedure {
        func day(_ text: String?) -> CivilDate? { text.flatMap(CivilDate.init(parsing:)) }
        var p = PetitionProcedure(
            receivedOn: received, assignedByHigherOffice: channelValue == .referral, rules: rules.clocks,
            calendar: rules.calendar)
        p.decision = decision.flatMap(PetitionDecision.init(rawValue:))
        p.decidedOn = day(decidedOn)
        p.objectedOn = day(objectedOn)
        p.extensionDays = extensionDays
        p.extensionApprovedOn = day(extensionApprovedOn)
        p.repliedOn = day(repliedOn)
        p.replyDeliveredOn = day(replyDeliveredOn)
        p.reviewRequestedOn = day(reviewRequestedOn)
        p.reviewHearingDays = reviewHearingDays
        p.reviewAnsweredOn = day(reviewAnsweredOn)
        p.rereviewRequestedOn = day(rereviewRequestedOn)
        p.rereviewHearingDays = rereviewHearingDays
        p.rereviewAnsweredOn = day(rereviewAnsweredOn)
        return p
    }
}

/// How the petition came in (信访工作条例 Art. 17), and 转交办 for an item a higher office sent.
enum PetitionChannel: String, Codable, Sendable, CaseIterable {
    case visit, letter, phone, fax, online, referral

    var chinese: String {
        switch self {
        case .visit: return "来访"
        case .letter: return "来信"
        case .phone: return "电话"
        case .fax: return "传真"
        case .online: return "网上信访"
        case .referral: return "转交办"
        }
    }
}

/// The outcome of handling, written in the 处理意见书.
enum PetitionOutcome: String, Codable, Sendable, CaseIterable {
    case supported, explained, notSupported

    var chinese: String {
        switch self {
        case .supported: return "予以支持"
        case .explained: return "解释说明"
        case .notSupported: return "不予支持"
        }
    }
}
