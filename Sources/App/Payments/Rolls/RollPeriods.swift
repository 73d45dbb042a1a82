import Fluent
import ResettleCore

/// The periods a roll may be generated for, offered as a list on the generation form: from
/// the first period a policy version covers to the period after today's, newest first. A
/// period whose roll is approved is left out (it cannot be paid twice); one with a draft is
/// marked, since generating it again replaces the draft. The server checks what it receives
/// against the same rule (`validate`), so a value typed or forged outside the list is refused
/// with the reason.
enum RollPeriods {
    struct Choice: Sendable, Equatable {
        var label: String
        var chinese: String
        var hasDraft: Bool
    }

    /// The latest period a roll may be generated for: the one after the period containing `today`.
    static func latest(today: CivilDate, schedule: PolicySchedule) -> PaymentPeriod {
        let periodsPerYear = schedule.policy(on: today)?.periodsPerYear ?? schedule.versions[0].periodsPerYear
        return PaymentPeriod(containing: today, periodsPerYear: periodsPerYear).next
    }

    /// Every period some policy version prices, up to `latest`, newest first.
    static func candidates(today: CivilDate, schedule: PolicySchedule) -> [PaymentPeriod] {
        let last = latest(today: today, schedule: schedule)
        var seen: Set<String> = []
        var periods: [PaymentPeriod] = []
        for version in schedule.versions {
            var p = PaymentPeriod(containing: version.effectiveFrom, periodsPerYear: version.periodsPerYear)
            while p.start <= last.start {
                if (try? schedule.policy(for: p)) != nil, seen.insert(p.label).inserted { periods.append(p) }
                p = p.next
            }
        }
        return periods.sorted { $1 < $0 }
    }

    static func choices(today: CivilDate, on db: any Database) async throws -> [Choice] {
        guard let schedule = try? await PolicyStore.schedule(on: db) else { return [] }
        let live = try await PaymentRoll.query(on: db).filter(\.$status != PaymentRoll.Status.discarded.rawValue)
            .all()
        let approved = Set(live.filter(\.isLocked).map(\.period))
        let drafts = Set(live.filter { !$0.isLocked }.map(\.period))
        return candidates(today: today, schedule: schedule).filter { !approved.contains($0.label) }.map {
            Choice(label: $0.label, chinese: $0.chinese, hasDraft: drafts.contains($0.label))
        }
    }

    /// The period `label` names, if a roll may be generated for it now; otherwise the reason,
    /// in Chinese. A locked period is refused by `RollGenerator.check`.
    static func validate(_ label: String, today: CivilDate, on db: any Database) async throws -> PaymentPeriod {
        let text = label.trimmingCharacters(in: .whitespaces)
        guard let period = PaymentPeriod(label: text) else {
            throw ResettleError.invalidInput(
                "发放期“\(text)”无效：请从列表中选择发放期（如 2022年第3季度），代码格式应如 2022Q3（季度）、2022H1（半年）或 2022M07（月）")
        }
        let schedule: PolicySchedule
        do { schedule = try await PolicyStore.schedule(on: db) } catch {
            throw ResettleError.invalidInput("尚未录入扶持政策版本，不能生成花名册")
        }
        let last = latest(today: today, schedule: schedule)
        guard period.start <= last.start else {
            throw ResettleError.invalidInput("\(period.chinese)尚未到来：最多只能生成下一期（\(last.chinese)）的花名册")
        }
        do { _ = try schedule.policy(for: period) } catch { throw ResettleError.invalidInput(error.message) }
        return period
    }
}
