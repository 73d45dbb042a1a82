import Fluent
import ResettleCore
import Vapor

/// One resettled person on the register. `status` is the standing from `statusEffective` on;
/// the full history is in `PersonStatusEvent`, and every change in `ChangeRequest`.
final class Person: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "id_number") var idNumber: String
    /// The ID reversed, so "last digits" searches become indexed prefix ranges.
    @Field(key: "id_reversed") var idReversed: String
    @Field(key: "name") var name: String
    @Field(key: "sex") var sex: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "relation") var relation: String
    @Field(key: "household_id") var householdID: UUID
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "village_code") var villageCode: String
    @OptionalField(key: "group_code") var groupCode: String?
    @Field(key: "reservoir_id") var reservoirID: UUID
    @Field(key: "resettlement_type") var resettlementType: String
    @OptionalField(key: "move_completed_on") var moveCompletedOn: String?
    @Field(key: "support_start") var supportStart: String
    @Field(key: "support_end") var supportEnd: String
    @Field(key: "status") var status: String
    @OptionalField(key: "status_effective") var statusEffective: String?
    @OptionalField(key: "bank_name") var bankName: String?
    @OptionalField(key: "card_number") var cardNumber: String?
    @OptionalField(key: "phone") var phone: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var personStatus: PersonStatus { PersonStatus(rawValue: status) ?? .pending }
    var sexValue: Sex { Sex(rawValue: sex) ?? .male }
    var relationValue: HouseholdRelation { HouseholdRelation(rawValue: relation) ?? .other }
    var typeValue: ResettlementType { ResettlementType(rawValue: resettlementType) ?? .existing }
}
