import Fluent
import Vapor

/// One payment to a project under the reimbursement system: its kind, voucher, payee, date and
/// amount. Payments are only ever added; a voucher number is used once per project, so
/// entering the same voucher again cannot pay twice.
final class ProjectPayment: Model, @unchecked Sendable {
    static let schema = "project_payments"

    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "voucher") var voucher: String
    @Field(key: "payee") var payee: String
    @Field(key: "paid_on") var paidOn: String
    @Field(key: "amount_fen") var amountFen: Int64
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        projectID: UUID, kind: String, voucher: String, payee: String, paidOn: String, amountFen: Int64,
        createdBy: String
    ) {
        self.projectID = projectID
        self.kind = kind
        self.voucher = voucher
        self.payee = payee
        self.paidOn = paidOn
        self.amountFen = amountFen
        self.createdBy = createdBy
    }
}
