import Fluent
import Vapor

/// A resettled household, identified by its head's resident ID as registers do.
final class Household: Model, @unchecked Sendable {
    static let schema = "households"

    @ID(key: .id) var id: UUID?
    @Field(key: "head_id_number") var headIDNumber: String
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "village_code") var villageCode: String
    @OptionalField(key: "group_code") var groupCode: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
