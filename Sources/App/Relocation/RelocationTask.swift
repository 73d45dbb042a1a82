import Fluent
import Foundation
import Vapor

/// A risk-avoidance and hardship relocation task (避险解困) assigned from above to a township:
/// the document, how many households and people are to move, and the subsidy per household.
final class RelocationTask: Model, @unchecked Sendable {
    static let schema = "relocation_tasks"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "document") var document: String
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "target_households") var targetHouseholds: Int
    @Field(key: "target_people") var targetPeople: Int
    @Field(key: "subsidy_per_household_fen") var subsidyPerHouseholdFen: Int64
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        year: Int, document: String, townshipCode: String, targetHouseholds: Int, targetPeople: Int,
        subsidyPerHouseholdFen: Int64, createdBy: String
    ) {
        self.year = year
        self.document = document
        self.townshipCode = townshipCode
        self.targetHouseholds = targetHouseholds
        self.targetPeople = targetPeople
        self.subsidyPerHouseholdFen = subsidyPerHouseholdFen
        self.createdBy = createdBy
    }
}
