import Fluent
import Vapor

/// One row of the append-only, hash-chained audit trail.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(custom: "seq", generatedBy: .user) var id: Int?
    @Field(key: "at") var at: String
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: String
    @OptionalField(key: "township_code") var townshipCode: String?
    @Field(key: "before_json") var beforeJSON: String
    @Field(key: "after_json") var afterJSON: String
    @Field(key: "prev_hash") var prevHash: String
    @Field(key: "hash") var hash: String
    /// HMAC-SHA256 of `hash` under the key file; nil only on rows written before MACs existed.
    @OptionalField(key: "mac") var mac: String?

    init() {}
}
