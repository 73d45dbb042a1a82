import Fluent
import ResettleCore
import Vapor

/// A county, township, village or group, keyed by its division code.
final class Region: Model, @unchecked Sendable {
    static let schema = "regions"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "level") var level: String
    @OptionalField(key: "parent_code") var parentCode: String?

    init() {}

    init(code: RegionCode, name: String) {
        self.id = code.value
        self.name = name
        self.level = code.level.rawValue
        self.parentCode = code.parent?.value
    }

    var code: String { id ?? "" }
}
