import Fluent
import Vapor

/// One batch of money that reached the county: its category, document number (文号), date,
/// level and amount, and who manages it. Batches are added, never edited: a corrected batch is
/// a new document.
final class FundBatch: Model, @unchecked Sendable {
    static let schema = "fund_batches"

    /// The government level that sent the money.
    enum Level: String, Codable, CaseIterable, Sendable {
        case central, province, city, county

        var chinese: String {
            switch self {
            case .central: return "中央"
            case .province: return "省级"
            case .city: return "市级"
            case .county: return "县级"
            }
        }
    }

    /// Who holds and pays out the batch: the county office, or (as for the 2022 突出问题
    /// money) the city finance bureau.
    enum Manager: String, Codable, CaseIterable, Sendable {
        case county, cityFinance

        var chinese: String {
            switch self {
            case .county: return "县移民事务中心"
            case .cityFinance: return "市财政局"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "category") var category: String
    @Field(key: "document") var document: String
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "level") var level: String
    @Field(key: "amount_fen") var amountFen: Int64
    @Field(key: "manager") var manager: String
    @Field(key: "memo") var memo: String
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        year: Int, category: String, document: String, receivedOn: String, level: Level, amountFen: Int64,
        manager: Manager, memo: String, createdBy: String
    ) {
        self.year = year
        self.category = category
        self.document = document
        self.receivedOn = receivedOn
        self.level = level.rawValue
        self.amountFen = amountFen
        self.manager = manager.rawValue
        self.memo = memo
        self.createdBy = createdBy
    }

    var levelValue: Level? { Level(rawValue: level) }
    var managerValue: Manager? { Manager(rawValue: manager) }
}
