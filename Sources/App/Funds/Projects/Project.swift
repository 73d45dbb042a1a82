import Fluent
import ResettleCore
import Vapor

/// A village project of the project library, with where it stands (`ProjectStage`). The stage
/// and the figures that money depends on change only through `ProjectService`, which records
/// each change as a step with its actor and date.
final class Project: Model, @unchecked Sendable {
    static let schema = "projects"

    @ID(key: .id) var id: UUID?
    /// The library code, e.g. 2022-430582101-003: year, township, number.
    @Field(key: "code") var code: String
    @Field(key: "year") var year: Int
    @Field(key: "name") var name: String
    @Field(key: "township_code") var townshipCode: String
    @OptionalField(key: "village_code") var villageCode: String?
    @Field(key: "kind") var kind: String
    @Field(key: "implementer") var implementer: String
    @Field(key: "beneficiaries") var beneficiaries: Int
    /// Planned investment by source: resettlement funds, self-raised, other.
    @Field(key: "planned_resettlement_fen") var plannedResettlementFen: Int64
    @Field(key: "planned_self_raised_fen") var plannedSelfRaisedFen: Int64
    @Field(key: "planned_other_fen") var plannedOtherFen: Int64
    @Field(key: "schedule_start") var scheduleStart: String
    @Field(key: "schedule_end") var scheduleEnd: String
    /// The performance target (绩效目标): one indicator a line, "指标：目标值".
    @Field(key: "performance_target") var performanceTarget: String
    @Field(key: "stage") var stage: String
    /// Resettlement funds approved into the annual plan, and the plan's document number.
    @OptionalField(key: "approved_fen") var approvedFen: Int64?
    @OptionalField(key: "plan_document") var planDocument: String?
    @Field(key: "progress_percent") var progressPercent: Int
    /// From the acceptance: the settled price and the retention held from it.
    @OptionalField(key: "settled_fen") var settledFen: Int64?
    @Field(key: "retention_fen") var retentionFen: Int64
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        code: String, year: Int, name: String, townshipCode: String, villageCode: String?, kind: String,
        implementer: String, beneficiaries: Int, planned: PlannedInvestment, scheduleStart: CivilDate,
        scheduleEnd: CivilDate, performanceTarget: String, createdBy: String
    ) {
        self.code = code
        self.year = year
        self.name = name
        self.townshipCode = townshipCode
        self.villageCode = villageCode
        self.kind = kind
        self.implementer = implementer
        self.beneficiaries = beneficiaries
        plannedResettlementFen = planned.resettlementFen
        plannedSelfRaisedFen = planned.selfRaisedFen
        plannedOtherFen = planned.otherFen
        self.scheduleStart = scheduleStart.iso
        self.scheduleEnd = scheduleEnd.iso
        self.performanceTarget = performanceTarget
        stage = ProjectStage.proposed.rawValue
        progressPercent = 0
        retentionFen = 0
        self.createdBy = createdBy
    }

    var stageValue: ProjectStage { ProjectStage(rawValue: stage) ?? .proposed }
    var plannedTotalFen: Int64 { plannedResettlementFen + plannedSelfRaisedFen + plannedOtherFen }
    /// The resettlement funds the routing rule is applied to: the approved amount once the
    /// project is in the plan, the planned amount before.
    var resettlementFundsFen: Int64 { approvedFen ?? plannedResettlementFen }
}

/// A project's planned investment by source, in fen.
struct PlannedInvestment: Sendable, Codable, Equatable {
    var resettlementFen: Int64
    var selfRaisedFen: Int64
    var otherFen: Int64
}
