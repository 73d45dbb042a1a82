import Fluent
import Vapor

/// A reservoir whose construction displaced the people on the register.
final class Reservoir: Model, @unchecked Sendable {
    static let schema = "reservoirs"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, name: String) {
        self.id = id
        self.name = name
    }
}
