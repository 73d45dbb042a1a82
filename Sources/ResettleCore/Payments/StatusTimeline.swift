/// One stretch of a person's standing on the register: `status` from `fromPeriod` until the
/// next span starts.
public struct StatusSpan: Hashable, Sendable, Codable {
    public let status: PersonStatus
    public let fromPeriod: PaymentPeriod

    public init(status: PersonStatus, fromPeriod: PaymentPeriod) {
        self.status = status
        self.fromPeriod = fromPeriod
    }
}

/// A change to the register that the county has approved, as the timeline needs it.
public struct ApprovedChange: Hashable, Sendable, Codable {
    public let kind: ChangeKind
    public let reason: ReductionReason?
    public let approvedOn: CivilDate

    public init(kind: ChangeKind, reason: ReductionReason? = nil, approvedOn: CivilDate) {
        self.kind = kind
        self.reason = reason
        self.approvedOn = approvedOn
    }
}

/// A person's registration status over time, period by period. Before the first span a
/// person is `.pending`: not yet approved onto the register, so not paid.
///
/// Built from approved changes, every change takes effect from the period after the one in
/// which it was approved (`PaymentPeriod.effectivePeriod`): an addition approved in 2022Q3
/// makes the person active from 2022Q4; a reduction approved in 2022Q3 leaves 2022Q3 paid and
/// stops 2022Q4; a restoration after prison starts payment again from the period after its
/// approval and never reaches back (no back-pay for the time served).
public struct StatusTimeline: Hashable, Sendable, Codable {
    /// Ordered by `fromPeriod`, at most one span per starting period.
    public let spans: [StatusSpan]

    /// Orders the spans by start; when two start in the same period the one given later wins,
    /// as a later decision overrides an earlier one.
    public init(_ spans: [StatusSpan]) {
        var result: [StatusSpan] = []
        // Stable sort keeps the given order among equal starts, so "later wins" holds.
        let ordered = spans.enumerated().sorted { a, b in
            a.element.fromPeriod.start != b.element.fromPeriod.start
                ? a.element.fromPeriod.start < b.element.fromPeriod.start : a.offset < b.offset
        }.map(\.element)
        for span in ordered {
            if let last = result.last, last.fromPeriod.start == span.fromPeriod.start {
                result[result.count - 1] = span
            } else {
                result.append(span)
            }
        }
        self.spans = result
    }

    /// The timeline that approved changes produce, applied in order of approval. Corrections do
    /// not change a status and add no span.
    public init(approvedChanges: [ApprovedChange], periodsPerYear: Int = 4) {
        let ordered = approvedChanges.enumerated().sorted { a, b in
            a.element.approvedOn != b.element.approvedOn
                ? a.element.approvedOn < b.element.approvedOn : a.offset < b.offset
        }.map(\.element)
        var current = PersonStatus.pending
        var spans: [StatusSpan] = []
        for change in ordered where change.kind != .correction {
            current = ChangeWorkflow.resultingStatus(kind: change.kind, reason: change.reason, current: current)
            let from = PaymentPeriod.effectivePeriod(approvedOn: change.approvedOn, periodsPerYear: periodsPerYear)
            spans.append(StatusSpan(status: current, fromPeriod: from))
        }
        self.init(spans)
    }

    /// The status that governs `period`: that of the last span starting on or before the
    /// period's first day, or `.pending` before any.
    public func status(in period: PaymentPeriod) -> PersonStatus {
        var result = PersonStatus.pending
        for span in spans {
            guard span.fromPeriod.start <= period.start else { break }
            result = span.status
        }
        return result
    }
}
