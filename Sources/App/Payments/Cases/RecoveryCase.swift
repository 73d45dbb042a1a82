import Fluent
import Vapor

/// Money paid for a period in which the person was no longer entitled (追缴): a reduction or
/// death that took effect before the period, learnt of after the roll was paid.
final class RecoveryCase: Model, @unchecked Sendable {
    static let schema = "recovery_cases"

    enum Status: String, Sendable, CaseIterable {
        case open
        case recovered
        case writtenOff = "written_off"

        var chinese: String {
            switch self {
            case .open: return "待追缴"
            case .recovered: return "已追回"
            case .writtenOff: return "已核销"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "id_number") var idNumber: String
    @Field(key: "name") var name: String
    @Field(key: "period") var period: String
    @Field(key: "roll_id") var rollID: UUID
    @Field(key: "amount_fen") var amountFen: Int64
    /// `IneligibilityReason` raw value.
    @Field(key: "reason") var reason: String
    @Field(key: "status") var status: String
    /// Every note is appended with its date and author; earlier notes are never replaced.
    @Field(key: "notes") var notes: String
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var statusValue: Status { Status(rawValue: status) ?? .open }
}

/// What the audit trail records of a recovery case.
struct RecoverySnapshot: Codable, Sendable {
    var id: String
    var idNumber: String
    var period: String
    var amountFen: Int64
    var status: String
    var notes: String

    init(_ c: RecoveryCase) {
        id = c.id?.uuidString ?? ""
        idNumber = c.idNumber
        period = c.period
        amountFen = c.amountFen
        status = c.status
        notes = c.notes
    }
}
