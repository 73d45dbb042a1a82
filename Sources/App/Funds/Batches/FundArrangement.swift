import Fluent
import Vapor

/// Money of one batch arranged to one project. A project may draw on several batches; the
/// batch's arrangements never add up to more than it holds (`FundArrangementRule`).
final class FundArrangement: Model, @unchecked Sendable {
    static let schema = "fund_arrangements"

    @ID(key: .id) var id: UUID?
    @Field(key: "batch_id") var batchID: UUID
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "amount_fen") var amountFen: Int64
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(batchID: UUID, projectID: UUID, amountFen: Int64, createdBy: String) {
        self.batchID = batchID
        self.projectID = projectID
        self.amountFen = amountFen
        self.createdBy = createdBy
    }
}
