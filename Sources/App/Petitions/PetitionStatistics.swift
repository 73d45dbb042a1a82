import Fluent
import Foundation
import ResettleCore
import ResettleOffice

/// The counts of the petitions received in a period, for the county or one township.
struct PetitionStatistics: Sendable {
    var from: CivilDate
    var to: CivilDate
    var townshipCode: String?
    var tally: PetitionTally
    /// The same counts by township, for the county's view.
    var byTownship: [(code: String, tally: PetitionTally)]

    static func load(
        from: CivilDate, to: CivilDate, townshipCode: String?, scope: AccessScope, on db: any Database
    ) async throws -> PetitionStatistics {
        let rules = try await PetitionRules.load(on: db)
        var query = scope.restrict(Petition.query(on: db), field: \.$townshipCode)
            .filter(\.$receivedOn >= from.iso).filter(\.$receivedOn <= to.iso)
        if let townshipCode { query = query.filter(\.$townshipCode == townshipCode) }
        let petitions = try await query.sort(\.$number).all()
        func item(_ p: Petition) -> PetitionTally.Item {
            let procedure = p.procedure(rules)
            return PetitionTally.Item(
                headcount: p.headcount, stage: procedure.stage, accepted: procedure.decision == .accepted,
                decidedInTime: procedure.decidedOn.map { $0 <= procedure.acceptanceDue } ?? false,
                closedInTime: procedure.closedInTime, isRepeat: p.repeatOfID != nil,
                satisfaction: p.satisfaction.flatMap(PetitionSatisfaction.init(rawValue:)), category: p.category)
        }
        let grouped = Dictionary(grouping: petitions, by: \.townshipCode)
        return PetitionStatistics(
            from: from, to: to, townshipCode: townshipCode,
            tally: PetitionTally(petitions.map(item), groupThreshold: rules.groupThreshold),
            byTownship: grouped.keys.sorted().map {
                ($0, PetitionTally(grouped[$0]!.map(item), groupThreshold: rules.groupThreshold))
            })
    }

    static let header = [
        "乡镇", "批次", "人次", "集体访（批）", "受理", "办结", "办结率", "按期办结率", "及时受理率", "重复信访", "满意", "基本满意", "不满意", "满意率",
    ]

    /// One row of the table: counts as numbers, rates as text ("100%").
    static func row(_ name: String, _ t: PetitionTally) -> [XLSXCell] {
        func n(_ v: Int) -> XLSXCell { .integer(Int64(v)) }
        return [
            .text(name), n(t.batches), n(t.personTimes), n(t.groupBatches), n(t.accepted), n(t.closed),
            .text(PetitionTally.percent(t.closureRateBasisPoints)),
            .text(PetitionTally.percent(t.onTimeRateBasisPoints)),
            .text(PetitionTally.percent(t.timelyAcceptanceBasisPoints)), n(t.repeats),
            n(t.satisfaction[.satisfied] ?? 0), n(t.satisfaction[.basicallySatisfied] ?? 0),
            n(t.satisfaction[.dissatisfied] ?? 0), .text(PetitionTally.percent(t.satisfactionRateBasisPoints)),
        ]
    }

    /// The statistics as a workbook: each township and the total, then the batches by category.
    func workbook(names: (String) -> String) throws -> Data {
        var rows = byTownship.map { Self.row(names($0.code), $0.tally) }
        rows.append(Self.row("合计", tally))
        return try XLSXWriter.data(sheets: [
            XLSXSheet(
                name: "信访统计", header: Self.header, columnWidths: [14, 8, 8, 13, 8, 8, 10, 13, 13, 10, 8, 10, 8, 10],
                rows: rows),
            XLSXSheet(
                name: "按类别", header: ["信访类别", "批次"],
                rows: tally.byCategory.map { [.text($0.category), .integer(Int64($0.batches))] }),
        ])
    }
}
