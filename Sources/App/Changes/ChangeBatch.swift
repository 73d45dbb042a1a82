import Fluent
import Foundation
import ResettleCore

/// Which steps the change list offers for a selection, and to whom: the township review to
/// those who review, once the notice has run; the county approval to those who approve.
enum ChangeBatch {
    /// Requests acted on at most in one submission.
    static let limit = 200

    static let allowed: Set<ChangeAction> = [.townshipApprove, .townshipReject, .countyApprove, .countyReject]

    /// The actions the role may take on a selection, each with the stage it applies to.
    static func actions(for role: Role) -> [(action: ChangeAction, stage: ChangeStage)] {
        var out: [(ChangeAction, ChangeStage)] = []
        if role.canReviewAsTownship {
            out += [(.townshipApprove, .awaitingTownship), (.townshipReject, .awaitingTownship)]
        }
        if role.canApproveAsCounty { out += [(.countyApprove, .awaitingCounty), (.countyReject, .awaitingCounty)] }
        return out
    }

    /// The request's stage in words, with the dates that matter while it is with the township.
    static func stageText(_ c: ChangeRequest, today: CivilDate = .today()) -> String {
        let stage = c.stage(today: today)
        guard let end = CivilDate(parsing: c.noticeEnd) else { return stage.chinese }
        switch stage {
        case .noticing:
            return "公示中（公示至\(end.chinese)，\(ChangeStage.reviewableFrom(noticeEnd: end).chinese)起可由乡镇审核）"
        case .awaitingTownship: return "待乡镇审核（公示已于\(end.chinese)期满）"
        default: return stage.chinese
        }
    }

    /// Whom a refused request concerns, for the message; its id when it cannot be read.
    static func personName(_ id: UUID, on db: any Database, scope: AccessScope) async throws -> String {
        guard let change = try await ChangeRequest.find(id, on: db), scope.allows(townshipCode: change.townshipCode),
            let person = try await Person.find(change.personID, on: db)
        else { return "申请 \(id.uuidString.prefix(8))" }
        return person.name
    }
}
