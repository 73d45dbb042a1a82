import Fluent
import ResettleCore

/// A roll that pays markedly fewer people than the roll before it: many support windows
/// ending at once (the 20 years of those registered in one year), a reduction entered for a
/// whole village by mistake, an import that lost rows. The office sets the share that draws
/// the warning (`OfficeSetting.payeeDropWarningPercent`, 10% by default). It is a warning to
/// look before approving, never a refusal.
struct PayeeDrop: Sendable, Equatable {
    var previousPeriod: String
    var previous: Int
    var current: Int
    var thresholdPercent: Int

    var dropped: Int { previous - current }
    var percent: String { Figures.percent(dropped, of: previous) }

    /// 上期 N 人，本期 M 人，减少 x%.
    var message: String {
        "本期发放人数较上期（\(Figures.period(previousPeriod))）减少超过\(thresholdPercent)%："
            + "上期 \(Figures.count(previous)) 人，本期 \(Figures.count(current)) 人，减少 \(Figures.count(dropped)) 人（\(percent)）。"
            + "请核对是否有大批人员扶持期满（20年）、被调减或导入遗漏，再提交审批。"
    }

    /// Whether `current` payees against `previous` is a drop of more than `thresholdPercent`.
    static func exceeds(previous: Int, current: Int, thresholdPercent: Int) -> Bool {
        previous > 0 && (previous - current) * 100 > thresholdPercent * previous
    }

    /// The warning for `roll`, counted as the reader may see it (a township clerk: the
    /// township's payees), against the latest live roll of an earlier period; nil when there is
    /// none or the drop is within the office's threshold.
    static func check(_ roll: PaymentRoll, townshipCode: String?, on db: any Database) async throws -> PayeeDrop? {
        guard !roll.isDiscarded, let period = roll.periodValue else { return nil }
        let earlier = try await PaymentRoll.query(on: db)
            .filter(\.$status != PaymentRoll.Status.discarded.rawValue).all()
            .filter { ($0.periodValue.map { $0 < period }) ?? false }
        guard let previous = earlier.max(by: { $0.periodValue! < $1.periodValue! }) else { return nil }
        let threshold = try await OfficeSetting.payeeDropWarningPercent.int(on: db)
        let figures = try await RollFigures.of([previous, roll], townshipCode: townshipCode, on: db)
        let before = figures[try previous.requireID()]?.lines ?? previous.lineCount
        let now = figures[try roll.requireID()]?.lines ?? roll.lineCount
        guard exceeds(previous: before, current: now, thresholdPercent: threshold) else { return nil }
        return PayeeDrop(previousPeriod: previous.period, previous: before, current: now, thresholdPercent: threshold)
    }
}
