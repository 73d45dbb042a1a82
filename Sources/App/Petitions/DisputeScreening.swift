import Fluent
import Foundation
import Vapor

/// One entry of the screening for disputes (矛盾纠纷排查): a township's dispute found in a
/// period, its risk, the people involved, the measures taken and each follow-up. A high-risk
/// entry that is not resolved shows on the leaders' board.
final class DisputeScreening: Model, @unchecked Sendable {
    static let schema = "dispute_screenings"

    @ID(key: .id) var id: UUID?
    @Field(key: "township_code") var townshipCode: String
    /// The screening round, e.g. 2022年第三季度.
    @Field(key: "period") var period: String
    @Field(key: "found_on") var foundOn: String
    @Field(key: "subject") var subject: String
    @Field(key: "risk") var risk: String
    @Field(key: "people") var people: String
    @Field(key: "measures") var measures: String
    /// Each follow-up as a dated line, appended, never replaced.
    @Field(key: "follow_up") var followUp: String
    @OptionalField(key: "resolved_on") var resolvedOn: String?
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var riskValue: DisputeRisk { DisputeRisk(rawValue: risk) ?? .low }
}

enum DisputeRisk: String, Codable, Sendable, CaseIterable {
    case high, medium, low

    var chinese: String {
        switch self {
        case .high: return "高"
        case .medium: return "中"
        case .low: return "低"
        }
    }
}

struct CreateDisputeScreenings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DisputeScreening.schema)
            .id()
            .field("township_code", .string, .required)
            .field("period", .string, .required)
            .field("found_on", .string, .required)
            .field("subject", .string, .required)
            .field("risk", .string, .required)
            .field("people", .string, .required)
            .field("measures", .string, .required)
            .field("follow_up", .string, .required)
            .field("resolved_on", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DisputeScreening.schema).delete()
    }
}
