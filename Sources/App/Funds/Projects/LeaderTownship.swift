import Fluent
import Vapor

/// A leadership member's linked township (联系乡镇). The pre-review of a township's projects is
/// led by the leader linked to it, so the form proposes that leader.
final class LeaderTownship: Model, @unchecked Sendable {
    static let schema = "leader_townships"

    @ID(key: .id) var id: UUID?
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String

    init() {}

    init(townshipCode: String, username: String, displayName: String) {
        self.townshipCode = townshipCode
        self.username = username
        self.displayName = displayName
    }

    static func leader(of townshipCode: String, on db: any Database) async throws -> String? {
        try await LeaderTownship.query(on: db).filter(\.$townshipCode == townshipCode).first()?.displayName
    }
}
