import Fluent

/// The vocabulary with the terms the county's 2022 report uses; offices add their own.
struct CreateFundsTerms: AsyncMigration {
    static let categories = [
        "第一批到县资金", "第二批到县资金", "突出问题资金（第一批）", "突出问题资金（第二批）", "突出问题资金（第三批）",
        "移民扶助金", "三峡专项资金", "产业引导资金", "重点村建设专项资金", "直补资金核减转项目资金",
    ]
    static let kinds = [
        "基础设施（道路）", "基础设施（水利）", "基础设施（电力）", "生产开发", "产业发展", "美丽家园", "培训", "三峡后续", "重点移民村",
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(FundsTerm.schema)
            .id()
            .field("list", .string, .required)
            .field("name", .string, .required)
            .field("sort_order", .int, .required)
            .unique(on: "list", "name")
            .create()
        for (i, name) in Self.categories.enumerated() {
            try await FundsTerm(list: .fundCategory, name: name, sortOrder: i).create(on: database)
        }
        for (i, name) in Self.kinds.enumerated() {
            try await FundsTerm(list: .projectKind, name: name, sortOrder: i).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FundsTerm.schema).delete()
    }
}
