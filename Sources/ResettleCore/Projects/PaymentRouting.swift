/// Who reviews, accepts and pays a village project, by the resettlement funds it uses. The
/// rule is a table of rows, not one number, so that a province that adds a band (or moves the
/// threshold) changes data, not code. The county's rule (邵东 2022): under 100,000元 the
/// township finance office pays after township acceptance with no county review; from
/// 100,000元 on (exactly 100,000元 included) the county spot-checks after township acceptance
/// and then pays.
public struct PaymentRoute: Sendable, Equatable, Codable {
    /// Who reviews the project before it is paid, after the township's acceptance.
    public enum Review: String, Sendable, Codable, CaseIterable {
        case none
        case countySpotCheck

        public var chinese: String {
            switch self {
            case .none: return "无需县级复核"
            case .countySpotCheck: return "县级抽查复核"
            }
        }
    }

    /// Who pays the project's money out.
    public enum Payer: String, Sendable, Codable, CaseIterable {
        case townshipFinanceOffice
        case county

        public var chinese: String {
            switch self {
            case .townshipFinanceOffice: return "乡镇财政所报账"
            case .county: return "县级拨付"
            }
        }
    }

    /// The band's lower bound, included (fen).
    public var fromFen: Int64
    /// The band's upper bound, excluded; nil for no upper bound.
    public var belowFen: Int64?
    public var review: Review
    /// Who accepts the finished works (the township, in every band of the county's rule).
    public var acceptedBy: String
    public var payer: Payer

    public init(fromFen: Int64, belowFen: Int64?, review: Review, acceptedBy: String, payer: Payer) {
        self.fromFen = fromFen
        self.belowFen = belowFen
        self.review = review
        self.acceptedBy = acceptedBy
        self.payer = payer
    }

    public func contains(_ fen: Int64) -> Bool {
        fen >= fromFen && belowFen.map { fen < $0 } != false
    }

    public var needsCountyReview: Bool { review == .countySpotCheck }
}

public enum RoutingTableError: Error, Equatable, Sendable {
    /// The rows leave a gap or overlap at this amount (fen).
    case notContiguous(atFen: Int64)
    case empty

    public var message: String {
        switch self {
        case .empty: return "资金拨付规则表不能为空"
        case .notContiguous(let fen): return "资金拨付规则表在\(Money.yuan(fen))元处有缺口或重叠"
        }
    }
}

/// The rows of the routing rule, checked to cover every amount from 0 exactly once.
public struct RoutingTable: Sendable, Equatable {
    public let rows: [PaymentRoute]

    public init(_ rows: [PaymentRoute]) throws(RoutingTableError) {
        guard !rows.isEmpty else { throw .empty }
        let sorted = rows.sorted { $0.fromFen < $1.fromFen }
        var next: Int64 = 0
        for (i, row) in sorted.enumerated() {
            guard row.fromFen == next else { throw .notContiguous(atFen: next) }
            if let below = row.belowFen {
                guard below > row.fromFen else { throw .notContiguous(atFen: row.fromFen) }
                next = below
            } else if i != sorted.count - 1 {
                throw .notContiguous(atFen: row.fromFen)
            }
        }
        guard sorted.last?.belowFen == nil else { throw .notContiguous(atFen: next) }
        self.rows = sorted
    }

    /// The county's rule with its threshold (100,000元 = 10,000,000 fen by default).
    public static func standard(thresholdFen: Int64 = 10_000_000) -> RoutingTable {
        // Two contiguous rows from 0 with the last open-ended cannot fail the check.
        try! RoutingTable([
            PaymentRoute(
                fromFen: 0, belowFen: thresholdFen, review: .none, acceptedBy: "乡镇", payer: .townshipFinanceOffice),
            PaymentRoute(
                fromFen: thresholdFen, belowFen: nil, review: .countySpotCheck, acceptedBy: "乡镇", payer: .county),
        ])
    }

    /// The row for a project using `resettlementFundsFen` of resettlement funds.
    public func route(for resettlementFundsFen: Int64) -> PaymentRoute {
        rows.first { $0.contains(max(resettlementFundsFen, 0)) } ?? rows[rows.count - 1]
    }
}

/// Warnings the county's rules raise on a project's figures; they never refuse anything.
public struct ProjectWarnings: Sendable, Equatable {
    /// Works of this much or more need public tendering (4,000,000元).
    public var tenderingFromFen: Int64
    /// A retention above this share of the settled price, in basis points (3% = 300), is flagged.
    public var retentionMaxBasisPoints: Int64

    public init(tenderingFromFen: Int64 = 400_000_000, retentionMaxBasisPoints: Int64 = 300) {
        self.tenderingFromFen = tenderingFromFen
        self.retentionMaxBasisPoints = retentionMaxBasisPoints
    }

    public func messages(investmentFen: Int64, settledFen: Int64?, retentionFen: Int64) -> [String] {
        var out: [String] = []
        if investmentFen >= tenderingFromFen {
            out.append("工程投资\(Money.yuan(investmentFen))元，达到\(Money.yuan(tenderingFromFen))元，须公开招标")
        }
        if let settled = settledFen, settled > 0, retentionFen * 10_000 > settled * retentionMaxBasisPoints {
            out.append(
                "质保金\(Money.yuan(retentionFen))元超过结算价的\(Self.percent(retentionMaxBasisPoints))")
        }
        return out
    }

    /// 300 → "3%", 250 → "2.50%".
    static func percent(_ basisPoints: Int64) -> String {
        let whole = basisPoints / 100
        let rest = basisPoints % 100
        if rest == 0 { return "\(whole)%" }
        return "\(whole)." + (rest < 10 ? "0\(rest)" : "\(rest)") + "%"
    }
}
