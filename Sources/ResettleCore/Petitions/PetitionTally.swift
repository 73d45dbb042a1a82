/// The petitioner's view of the reply.
public enum PetitionSatisfaction: String, Sendable, Hashable, Codable, CaseIterable {
    case satisfied
    case basicallySatisfied
    case dissatisfied

    public var chinese: String {
        switch self {
        case .satisfied: return "满意"
        case .basicallySatisfied: return "基本满意"
        case .dissatisfied: return "不满意"
        }
    }
}

/// The counts of a period's petitions, by the office's definitions: one registered event is one
/// batch (批次; a group visit counts once), person-times (人次) are the sum of the events'
/// headcounts, and the closure rate is closed ÷ accepted.
public struct PetitionTally: Sendable, Equatable {
    public struct Item: Sendable, Hashable {
        public var headcount: Int
        public var stage: PetitionStage
        public var accepted: Bool
        public var decidedInTime: Bool
        public var closedInTime: Bool?
        public var isRepeat: Bool
        public var satisfaction: PetitionSatisfaction?
        public var category: String

        public init(
            headcount: Int, stage: PetitionStage, accepted: Bool, decidedInTime: Bool, closedInTime: Bool?,
            isRepeat: Bool, satisfaction: PetitionSatisfaction?, category: String
        ) {
            self.headcount = headcount
            self.stage = stage
            self.accepted = accepted
            self.decidedInTime = decidedInTime
            self.closedInTime = closedInTime
            self.isRepeat = isRepeat
            self.satisfaction = satisfaction
            self.category = category
        }
    }

    public var batches = 0
    public var personTimes = 0
    public var groupBatches = 0
    public var accepted = 0
    public var decidedInTime = 0
    public var closed = 0
    public var closedInTime = 0
    public var repeats = 0
    public var satisfaction: [PetitionSatisfaction: Int] = [:]
    /// Batches by category, in the order categories first appear.
    public var byCategory: [CategoryCount] = []

    public struct CategoryCount: Sendable, Hashable {
        public var category: String
        public var batches: Int
    }

    public init(_ items: [Item], groupThreshold: Int) {
        var categoryIndex: [String: Int] = [:]
        for item in items {
            batches += 1
            personTimes += item.headcount
            if item.headcount >= groupThreshold { groupBatches += 1 }
            if item.accepted { accepted += 1 }
            if item.decidedInTime { decidedInTime += 1 }
            if item.accepted, item.stage.isClosed {
                closed += 1
                if item.closedInTime == true { closedInTime += 1 }
            }
            if item.isRepeat { repeats += 1 }
            if let s = item.satisfaction { satisfaction[s, default: 0] += 1 }
            if let i = categoryIndex[item.category] {
                byCategory[i].batches += 1
            } else {
                categoryIndex[item.category] = byCategory.count
                byCategory.append(CategoryCount(category: item.category, batches: 1))
            }
        }
    }

    /// Closed ÷ accepted, in basis points (10000 = 100%); nil when nothing was accepted.
    public var closureRateBasisPoints: Int? { Self.rate(closed, of: accepted) }
    /// Closed in time ÷ closed.
    public var onTimeRateBasisPoints: Int? { Self.rate(closedInTime, of: closed) }
    /// Decided on acceptance in time ÷ batches (及时受理率).
    public var timelyAcceptanceBasisPoints: Int? { Self.rate(decidedInTime, of: batches) }
    /// Satisfied or basically satisfied ÷ those who answered (参评满意率).
    public var satisfactionRateBasisPoints: Int? {
        let answered = satisfaction.values.reduce(0, +)
        return Self.rate((satisfaction[.satisfied] ?? 0) + (satisfaction[.basicallySatisfied] ?? 0), of: answered)
    }

    static func rate(_ part: Int, of whole: Int) -> Int? {
        whole == 0 ? nil : (part * 10000 + whole / 2) / whole
    }

    /// "100%", "87.5%": basis points as a percentage with at most two decimals.
    public static func percent(_ basisPoints: Int?) -> String {
        guard let bp = basisPoints else { return "—" }
        let whole = bp / 100
        let rest = bp % 100
        if rest == 0 { return "\(whole)%" }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)%" : "\(whole).\(rest < 10 ? "0" : "")\(rest)%"
    }
}
