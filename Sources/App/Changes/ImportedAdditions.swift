import Foundation
import ResettleCore

/// The addition requests (调增) of a register import into a register that already holds people:
/// one request per person, written in the import's transaction beside the person, in the state
/// `ChangeService.submit` files one by hand (公示中, the import's notice, its filer). Each then
/// goes through township review and county approval on its own, and the person is 待审批 until
/// the county approves.
struct ImportedAdditions: Sendable {
    var submitterID: UUID
    var submitterName: String
    var notice: ChangeNotice
    var evidence: String
    var filedOn: CivilDate

    static let columns = [
        "id", "person_id", "township_code", "kind", "reason", "reason_text", "evidence", "changes_json",
        "notice_start", "notice_end", "notice_reason", "event_date", "status", "submitted_by", "submitted_by_name",
        "submitted_on", "decided_on", "effective_period", "created_at", "updated_at",
    ]

    /// The request for one imported person.
    func row(id: UUID, personID: UUID, townshipCode: String, now: Date) -> [BulkValue] {
        [
            .uuid(id), .uuid(personID), .text(townshipCode), .text(ChangeKind.addition.rawValue), .optionalText(nil),
            .text(""), .text(evidence), .text(Self.noCorrections), .text(notice.start.iso), .text(notice.end.iso),
            .optionalText(notice.reason), .optionalText(nil), .text(ChangeStatus.noticePosted.rawValue),
            .uuid(submitterID), .text(submitterName), .text(filedOn.iso), .optionalText(nil), .optionalText(nil),
            .date(now), .date(now),
        ]
    }

    /// What an addition's `changes_json` holds: no field corrections, as `submit` writes it.
    private static let noCorrections = AuditLog.canonicalJSON([String: [String: String]]())
}

/// A change's notice (公示): its days and, when it started before the day of filing, why.
struct ChangeNotice: Sendable, Equatable {
    var start: CivilDate
    var end: CivilDate
    /// Set only for a notice that started before the request was filed.
    var reason: String?
}
