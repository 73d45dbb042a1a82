import Fluent
import Foundation
import ResettleCore

/// The office's petition settings and working-day calendar, read once per page or write.
struct PetitionRules: Sendable {
    var clocks: PetitionClockRules
    var calendar: WorkingCalendar
    var groupThreshold: Int
    var maxRepresentatives: Int
    var staff: Set<String>

    static func load(on db: any Database) async throws -> PetitionRules {
        let keys: [OfficeSetting] = [
            .petitionAcceptanceDays, .petitionObjectionWorkdays, .petitionHandlingDays, .petitionExtensionMaxDays,
            .petitionReviewRequestDays, .petitionReviewAnswerDays, .petitionRereviewRequestDays,
            .petitionRereviewAnswerDays, .petitionGroupThreshold, .petitionMaxRepresentatives, .petitionStaff,
        ]
        let stored = try await Setting.query(on: db).filter(\.$id ~~ keys.map(\.rawValue)).all()
        let values = Dictionary(stored.compactMap { s in s.id.map { ($0, s.value) } }, uniquingKeysWith: { a, _ in a })
        func int(_ setting: OfficeSetting) -> Int {
            Int(values[setting.rawValue] ?? setting.defaultValue) ?? Int(setting.defaultValue)!
        }
        var clocks = PetitionClockRules()
        clocks.acceptanceDays = int(.petitionAcceptanceDays)
        clocks.objectionWorkdays = int(.petitionObjectionWorkdays)
        clocks.handlingDays = int(.petitionHandlingDays)
        clocks.extensionMaxDays = int(.petitionExtensionMaxDays)
        clocks.reviewRequestDays = int(.petitionReviewRequestDays)
        clocks.reviewAnswerDays = int(.petitionReviewAnswerDays)
        clocks.rereviewRequestDays = int(.petitionRereviewRequestDays)
        clocks.rereviewAnswerDays = int(.petitionRereviewAnswerDays)
        let staff = (values[OfficeSetting.petitionStaff.rawValue] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return PetitionRules(
            clocks: clocks, calendar: try await CalendarDay.calendar(on: db),
            groupThreshold: int(.petitionGroupThreshold), maxRepresentatives: int(.petitionMaxRepresentatives),
            staff: Set(staff))
    }
}
