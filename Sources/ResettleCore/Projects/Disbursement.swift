/// The kinds of payment a project receives under the reimbursement system (报账制).
public enum DisbursementKind: String, Sendable, Codable, CaseIterable {
    /// Before or at the start of the works.
    case advance
    /// Against progress during the works.
    case progress
    /// The settlement after acceptance (and the county's review where the route needs it).
    case final
    /// The retention (质保金) released once the warranty has run.
    case retention

    public var chinese: String {
        switch self {
        case .advance: return "预付款"
        case .progress: return "进度款"
        case .final: return "结算款"
        case .retention: return "质保金"
        }
    }
}

public enum DisbursementError: Error, Equatable, Sendable {
    case notPositive
    case notStarted(ProjectStage)
    case beforeAcceptance
    case beforeReview
    case openFindings(Int)
    case beyondApproved(approvedFen: Int64, paidFen: Int64, askedFen: Int64)
    case intoRetention(payableFen: Int64, retentionFen: Int64, askedFen: Int64)
    case retentionBeforeFinal
    case beyondRetention(retentionFen: Int64, releasedFen: Int64, askedFen: Int64)
    case closed

    public var message: String {
        switch self {
        case .notPositive: return "拨付金额须大于0"
        case .notStarted(let stage): return "项目当前为“\(stage.chinese)”，开工后方可拨付预付款或进度款"
        case .beforeAcceptance: return "项目尚未通过乡镇验收，不能拨付结算款"
        case .beforeReview: return "该项目使用移民资金达到县级复核起点，须经县级抽查复核后方可拨付结算款"
        case .openFindings(let n): return "该项目有\(n)条抽查发现的问题尚未整改销号，整改前不能拨付"
        case .beyondApproved(let approved, let paid, let asked):
            return "拨付后将超过核定金额：核定\(Money.yuan(approved))元，已拨\(Money.yuan(paid))元，本次\(Money.yuan(asked))元"
        case .intoRetention(let payable, let retention, let asked):
            return "本次\(Money.yuan(asked))元将动用质保金：质保金\(Money.yuan(retention))元须留到质保期满，目前最多可拨\(Money.yuan(payable))元"
        case .retentionBeforeFinal: return "结算款拨付前不能退还质保金"
        case .beyondRetention(let retention, let released, let asked):
            return "退还质保金超过应留金额：质保金\(Money.yuan(retention))元，已退\(Money.yuan(released))元，本次\(Money.yuan(asked))元"
        case .closed: return "项目已移交，不能再拨付"
        }
    }
}

/// What a project may be paid now. Payments are never beyond the approved amount (or the
/// settled price, once settled, when lower); the retention is held until the final payment has
/// been made and is then the only money left to release.
public struct DisbursementRule: Sendable {
    public var stage: ProjectStage
    public var route: PaymentRoute
    public var approvedFen: Int64
    /// The settled price from the acceptance; nil before.
    public var settledFen: Int64?
    public var retentionFen: Int64
    /// Paid so far, by kind.
    public var paid: [DisbursementKind: Int64]
    public var openFindings: Int

    public init(
        stage: ProjectStage, route: PaymentRoute, approvedFen: Int64, settledFen: Int64?, retentionFen: Int64,
        paid: [DisbursementKind: Int64], openFindings: Int
    ) {
        self.stage = stage
        self.route = route
        self.approvedFen = approvedFen
        self.settledFen = settledFen
        self.retentionFen = retentionFen
        self.paid = paid
        self.openFindings = openFindings
    }

    /// The most the project may receive in all.
    public var ceilingFen: Int64 { min(approvedFen, settledFen ?? approvedFen) }
    public var paidFen: Int64 { paid.values.reduce(0, +) }
    /// Paid other than the retention's release.
    public var paidBeforeRetentionFen: Int64 { paidFen - (paid[.retention] ?? 0) }
    /// Everything but the retention is paid: the project may be handed over.
    public var isPaidUpToRetention: Bool { paidBeforeRetentionFen >= ceilingFen - retentionFen }

    public func check(_ kind: DisbursementKind, amountFen: Int64) throws(DisbursementError) {
        guard amountFen > 0 else { throw .notPositive }
        guard openFindings == 0 else { throw .openFindings(openFindings) }
        switch kind {
        case .advance, .progress:
            guard stage.hasStarted else { throw .notStarted(stage) }
            guard stage != .closed else { throw .closed }
        case .final:
            guard stage.isAccepted else { throw .beforeAcceptance }
            if route.needsCountyReview, stage == .accepted { throw .beforeReview }
            guard stage != .closed else { throw .closed }
        case .retention:
            guard (paid[.final] ?? 0) > 0 else { throw .retentionBeforeFinal }
            let released = paid[.retention] ?? 0
            guard released + amountFen <= retentionFen else {
                throw .beyondRetention(retentionFen: retentionFen, releasedFen: released, askedFen: amountFen)
            }
        }
        guard paidFen + amountFen <= ceilingFen else {
            throw .beyondApproved(approvedFen: ceilingFen, paidFen: paidFen, askedFen: amountFen)
        }
        if kind != .retention {
            let payable = ceilingFen - retentionFen - paidBeforeRetentionFen
            guard amountFen <= payable else {
                throw .intoRetention(payableFen: max(payable, 0), retentionFen: retentionFen, askedFen: amountFen)
            }
        }
    }
}

public enum ArrangementError: Error, Equatable, Sendable {
    case notPositive
    case beyondBatch(batchFen: Int64, arrangedFen: Int64, askedFen: Int64)

    public var message: String {
        switch self {
        case .notPositive: return "安排金额须大于0"
        case .beyondBatch(let batch, let arranged, let asked):
            return
                "超过该批资金可安排额度：本批\(Money.yuan(batch))元，已安排\(Money.yuan(arranged))元，尚可安排\(Money.yuan(batch - arranged))元，本次\(Money.yuan(asked))元"
        }
    }
}

/// A batch's money arranged to projects: never more than the batch holds.
public enum FundArrangementRule {
    public static func check(batchFen: Int64, arrangedFen: Int64, askedFen: Int64) throws(ArrangementError) {
        guard askedFen > 0 else { throw .notPositive }
        guard arrangedFen + askedFen <= batchFen else {
            throw .beyondBatch(batchFen: batchFen, arrangedFen: arrangedFen, askedFen: askedFen)
        }
    }

    /// A project's payments counted against its arrangements in the order they were made, so
    /// that each batch's paid share (and balance) follows from the payments alone.
    public static func paidByArrangement(arrangedFen: [Int64], paidFen: Int64) -> [Int64] {
        var left = max(paidFen, 0)
        return arrangedFen.map { arranged in
            let share = min(arranged, left)
            left -= share
            return share
        }
    }
}
