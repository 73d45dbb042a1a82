/// Every version of the payment policy, each from its effective date on.
///
/// A period is always computed with the version in force on its first day, so adding or
/// changing a version that starts later can never change what an earlier period was owed: a
/// roll from 2022 regenerated in 2027 after an extension comes out exactly as it was paid.
public struct PolicySchedule: Hashable, Sendable, Codable {
    /// Sorted by `effectiveFrom`, no two on the same day.
    public let versions: [PaymentPolicy]

    public init(_ versions: [PaymentPolicy]) throws(PaymentPolicyError) {
        guard !versions.isEmpty else { throw .noVersions }
        let sorted = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.effectiveFrom == b.effectiveFrom {
            throw .duplicateEffectiveDate(a.effectiveFrom)
        }
        self.versions = sorted
    }

    /// The standard policy alone.
    public static let standard = try! PolicySchedule([.standard])

    /// The version in force on `date`: the latest one whose effective date is on or before it.
    public func policy(on date: CivilDate) -> PaymentPolicy? {
        // Binary search: schedules are short, but this is called once per person per period.
        var low = 0
        var high = versions.count
        while low < high {
            let mid = (low + high) / 2
            if versions[mid].effectiveFrom <= date { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : versions[low - 1]
    }

    /// The version that governs `period`: the one in force on the period's first day. Throws when
    /// no version covers the period, or when the version pays in periods of another length (a
    /// 2022Q3 cannot be priced under a monthly policy).
    public func policy(for period: PaymentPeriod) throws(PaymentPolicyError) -> PaymentPolicy {
        guard let policy = policy(on: period.start) else { throw .noPolicyInForce(period) }
        guard policy.periodsPerYear == period.periodsPerYear else {
            throw .periodLengthMismatch(period: period, policyPeriodsPerYear: policy.periodsPerYear)
        }
        return policy
    }

    /// A copy with `version` added, or replacing the version with the same effective date.
    public func replacing(_ version: PaymentPolicy) throws(PaymentPolicyError) -> PolicySchedule {
        try PolicySchedule(versions.filter { $0.effectiveFrom != version.effectiveFrom } + [version])
    }

    public init(from decoder: any Decoder) throws {
        let versions = try decoder.singleValueContainer().decode([PaymentPolicy].self)
        do {
            try self.init(versions)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(versions)
    }
}
