import Fluent
import Vapor

/// A term of the funds vocabulary the office keeps as data: the fund categories (第一批到县资金,
/// 突出问题资金…) and the project kinds (基础设施, 产业…). A province that names its money
/// differently adds terms; nothing in the code lists them.
final class FundsTerm: Model, @unchecked Sendable {
    static let schema = "funds_terms"

    enum List: String, Codable, CaseIterable, Sendable {
        case fundCategory, projectKind, petitionCategory

        var chinese: String {
            switch self {
            case .fundCategory: return "资金类别"
            case .projectKind: return "项目类型"
            case .petitionCategory: return "信访类别"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "list") var list: String
    @Field(key: "name") var name: String
    @Field(key: "sort_order") var sortOrder: Int

    init() {}

    init(list: List, name: String, sortOrder: Int) {
        self.list = list.rawValue
        self.name = name
        self.sortOrder = sortOrder
    }

    static func names(_ list: List, on db: any Database) async throws -> [String] {
        try await FundsTerm.query(on: db).filter(\.$list == list.rawValue).sort(\.$sortOrder).all().map(\.name)
    }
}
