import Fluent
import Foundation
import Vapor

/// A year's rent of one tenant of a project that earns (the industrial park's workshops): what
/// was due and what was received, the project's benefit to the resettlers. Rows are added, and
/// a later receipt of the same tenant and year is a further row, never an edit.
final class ProjectIncome: Model, @unchecked Sendable {
    static let schema = "project_incomes"

    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "tenant") var tenant: String
    @Field(key: "rent_due_fen") var rentDueFen: Int64
    @Field(key: "rent_received_fen") var rentReceivedFen: Int64
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        projectID: UUID, year: Int, tenant: String, rentDueFen: Int64, rentReceivedFen: Int64, receivedOn: String,
        createdBy: String
    ) {
        self.projectID = projectID
        self.year = year
        self.tenant = tenant
        self.rentDueFen = rentDueFen
        self.rentReceivedFen = rentReceivedFen
        self.receivedOn = receivedOn
        self.createdBy = createdBy
    }
}
