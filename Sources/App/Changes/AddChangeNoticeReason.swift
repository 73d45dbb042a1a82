import Fluent

/// The reason a notice started before its request was filed. Nullable: requests filed before
/// this column existed, and every request whose notice starts on or after filing, have none.
struct AddChangeNoticeReason: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("change_requests").field("notice_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("change_requests").deleteField("notice_reason").update()
    }
}
