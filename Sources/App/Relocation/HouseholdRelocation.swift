import Fluent
import Foundation
import Vapor

/// One register household's relocation under a task: the new site, the subsidy paid, the day
/// it moved, what was done with the old house, and the acceptance. Each fact is set once, in
/// that order, through `RelocationService`, which audits it; none is overwritten.
final class HouseholdRelocation: Model, @unchecked Sendable {
    static let schema = "household_relocations"

    @ID(key: .id) var id: UUID?
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "household_id") var householdID: UUID
    @Field(key: "head_id_number") var headIDNumber: String
    @Field(key: "people") var people: Int
    @Field(key: "new_site") var newSite: String
    @OptionalField(key: "project_id") var projectID: UUID?
    @OptionalField(key: "subsidy_paid_fen") var subsidyPaidFen: Int64?
    @OptionalField(key: "subsidy_paid_on") var subsidyPaidOn: String?
    @OptionalField(key: "moved_on") var movedOn: String?
    @OptionalField(key: "old_house") var oldHouse: String?
    @OptionalField(key: "accepted_on") var acceptedOn: String?
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        taskID: UUID, householdID: UUID, headIDNumber: String, people: Int, newSite: String, projectID: UUID?,
        createdBy: String
    ) {
        self.taskID = taskID
        self.householdID = householdID
        self.headIDNumber = headIDNumber
        self.people = people
        self.newSite = newSite
        self.projectID = projectID
        self.createdBy = createdBy
    }

    /// Where the household stands, in words.
    var stage: String {
        if acceptedOn != nil { return "已验收" }
        if oldHouse != nil { return "旧房已处置" }
        if movedOn != nil { return "已搬迁" }
        if subsidyPaidFen != nil { return "补助已发放" }
        return "已纳入任务"
    }
}
