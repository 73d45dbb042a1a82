/// The settings that decide who is paid how much for a period (国发〔2006〕17号 and the county's
/// own choices). They are data, not constants: the rate, the period length and the support
/// window have changed before and may change again (an extension after 2026 is possible), and
/// old periods must still compute as they did. See `PolicySchedule` for versions over time.
public struct PaymentPolicy: Hashable, Sendable, Codable {
    /// The first day this version applies to. A period is computed with the version in force on
    /// the period's first day.
    public let effectiveFrom: CivilDate
    /// Yearly support per person, in fen (600元 = 60000).
    public let yearlyRateFen: Int64
    /// How many payments a year (Shaodong: 4, quarterly).
    public let periodsPerYear: Int
    /// First day of support for people resettled before the 2006 reform (现状人口).
    public let existingSupportStart: CivilDate
    /// Years of support for 现状人口, counted from `existingSupportStart`.
    public let existingSupportYears: Int
    /// Years of support for people resettled later (原迁人口), counted from the first day of the
    /// month after their move was completed.
    public let relocatedSupportYears: Int
    /// Minimum length of the public notice (公示) for a change, in calendar days, both ends counted.
    public let minimumNoticeDays: Int
    /// Text put in the memo (摘要/用途) column of the bank file.
    public let memo: String

    public static let defaultYearlyRateFen: Int64 = 60_000
    public static let defaultPeriodsPerYear = 4
    public static let defaultExistingSupportStart = CivilDate(year: 2006, month: 7, day: 1)!
    public static let defaultSupportYears = 20
    public static let defaultMinimumNoticeDays = 7
    public static let defaultMemo = "移民后扶"

    /// Validates the settings. The amount per period must be a whole number of fen: a rate that
    /// does not divide would have to be rounded, and a roll whose periods do not add up to the
    /// yearly rate is an error somebody has to explain to an auditor.
    public init(
        effectiveFrom: CivilDate,
        yearlyRateFen: Int64 = PaymentPolicy.defaultYearlyRateFen,
        periodsPerYear: Int = PaymentPolicy.defaultPeriodsPerYear,
        existingSupportStart: CivilDate = PaymentPolicy.defaultExistingSupportStart,
        existingSupportYears: Int = PaymentPolicy.defaultSupportYears,
        relocatedSupportYears: Int = PaymentPolicy.defaultSupportYears,
        minimumNoticeDays: Int = PaymentPolicy.defaultMinimumNoticeDays,
        memo: String = PaymentPolicy.defaultMemo
    ) throws(PaymentPolicyError) {
        guard yearlyRateFen >= 0 else { throw .negativeRate(yearlyRateFen) }
        guard PaymentPolicy.allowedPeriodsPerYear.contains(periodsPerYear) else {
            throw .unsupportedPeriodsPerYear(periodsPerYear)
        }
        guard yearlyRateFen % Int64(periodsPerYear) == 0 else {
            throw .rateNotDivisible(yearlyRateFen: yearlyRateFen, periodsPerYear: periodsPerYear)
        }
        // 1...100 keeps the window arithmetic inside CivilDate's range and rules out typos.
        guard (1...100).contains(existingSupportYears) else { throw .invalidSupportYears(existingSupportYears) }
        guard (1...100).contains(relocatedSupportYears) else { throw .invalidSupportYears(relocatedSupportYears) }
        guard minimumNoticeDays >= 1 else { throw .invalidNoticeDays(minimumNoticeDays) }
        let trimmedMemo = memo.trimmingIDWhitespace()
        guard !trimmedMemo.isEmpty else { throw .emptyMemo }
        self.effectiveFrom = effectiveFrom
        self.yearlyRateFen = yearlyRateFen
        self.periodsPerYear = periodsPerYear
        self.existingSupportStart = existingSupportStart
        self.existingSupportYears = existingSupportYears
        self.relocatedSupportYears = relocatedSupportYears
        self.minimumNoticeDays = minimumNoticeDays
        self.memo = trimmedMemo
    }

    /// The period lengths `PaymentPeriod` can represent (12 must divide by the count).
    public static let allowedPeriodsPerYear: Set<Int> = [1, 2, 3, 4, 6, 12]

    /// The standard policy since 2006: 600元 a year, quarterly, 20 years.
    public static let standard = try! PaymentPolicy(effectiveFrom: CivilDate(year: 2006, month: 7, day: 1)!)

    /// Support per person per period, exact in fen (600元 / 4 = 150元).
    public var amountPerPeriodFen: Int64 { yearlyRateFen / Int64(periodsPerYear) }

    /// The days a person of `type` is supported, or nil for a 原迁 person without a recorded
    /// move date (who cannot be placed in time and so is never paid until it is recorded).
    public func supportWindow(for type: ResettlementType, moveCompleted: CivilDate?) -> SupportWindow? {
        // Support for 原迁 people starts with the month after the move: a move completed on
        // 15 May 2010 or on 1 May 2010 is supported from 1 June 2010. The rule counts from the
        // month after the completion month, so the 1st of a month is no exception.
        SupportWindow.standard(
            type: type, moveCompleted: moveCompleted, existingStart: existingSupportStart,
            years: type == .existing ? existingSupportYears : relocatedSupportYears)
    }

    // Decoding goes through the validating initialiser so that a stored policy with, say, a
    // rate that does not divide cannot slip in from a settings file.
    private enum CodingKeys: String, CodingKey {
        case effectiveFrom, yearlyRateFen, periodsPerYear, existingSupportStart, existingSupportYears,
            relocatedSupportYears, minimumNoticeDays, memo
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                effectiveFrom: c.decode(CivilDate.self, forKey: .effectiveFrom),
                yearlyRateFen: c.decode(Int64.self, forKey: .yearlyRateFen),
                periodsPerYear: c.decode(Int.self, forKey: .periodsPerYear),
                existingSupportStart: c.decode(CivilDate.self, forKey: .existingSupportStart),
                existingSupportYears: c.decode(Int.self, forKey: .existingSupportYears),
                relocatedSupportYears: c.decode(Int.self, forKey: .relocatedSupportYears),
                minimumNoticeDays: c.decode(Int.self, forKey: .minimumNoticeDays),
                memo: c.decode(String.self, forKey: .memo))
        } catch let error as PaymentPolicyError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }
}

public enum PaymentPolicyError: Error, Equatable, Sendable {
    case negativeRate(Int64)
    case unsupportedPeriodsPerYear(Int)
    case rateNotDivisible(yearlyRateFen: Int64, periodsPerYear: Int)
    case invalidSupportYears(Int)
    case invalidNoticeDays(Int)
    case emptyMemo
    case noVersions
    case duplicateEffectiveDate(CivilDate)
    case noPolicyInForce(PaymentPeriod)
    case periodLengthMismatch(period: PaymentPeriod, policyPeriodsPerYear: Int)

    public var message: String {
        switch self {
        case .negativeRate(let fen): return "年补助标准不能为负数（\(Money.yuan(fen))元）"
        case .unsupportedPeriodsPerYear(let n): return "每年发放次数为\(n)，只能是1、2、3、4、6或12"
        case .rateNotDivisible(let fen, let n):
            return "年补助标准\(Money.yuan(fen))元不能被每年发放次数\(n)整除到分，请调整标准或发放次数"
        case .invalidSupportYears(let n): return "扶持年限为\(n)年，应在1至100年之间"
        case .invalidNoticeDays(let n): return "公示天数为\(n)天，至少为1天"
        case .emptyMemo: return "银行文件摘要不能为空"
        case .noVersions: return "尚未设置任何扶持政策"
        case .duplicateEffectiveDate(let d): return "有两个政策版本都从\(d.chinese)起执行"
        case .noPolicyInForce(let p): return "\(p.chinese)没有适用的扶持政策（最早的政策生效日期晚于该期开始）"
        case .periodLengthMismatch(let p, let n): return "\(p.chinese)的发放周期与当时政策（每年\(n)次）不一致"
        }
    }
}
