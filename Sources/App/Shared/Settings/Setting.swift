import Fluent
import Vapor

/// A named setting the office may change (notice days, memo text, ...). Values are text.
final class Setting: Model, @unchecked Sendable {
    static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String
    @Field(key: "updated_by") var updatedBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(key: String, value: String, updatedBy: String) {
        self.id = key
        self.value = value
        self.updatedBy = updatedBy
    }
}
