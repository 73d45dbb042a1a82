import Fluent
import Vapor

/// One recorded draw of the county's spot-check sample: the year, the rate and the seed, how
/// many accepted projects were candidates, and the codes drawn. `SpotCheckSample` draws the
/// same codes again from the same candidates, rate and seed.
final class SpotCheckDraw: Model, @unchecked Sendable {
    static let schema = "spot_check_draws"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "rate_percent") var ratePercent: Int
    @Field(key: "seed") var seed: Int64
    /// The candidates' codes as JSON, so the draw can be repeated even after more projects
    /// have been accepted.
    @Field(key: "candidates_json") var candidatesJSON: String
    @Field(key: "drawn_json") var drawnJSON: String
    @Field(key: "drawn_by") var drawnBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(year: Int, ratePercent: Int, seed: Int64, candidates: [String], drawn: [String], drawnBy: String) {
        self.year = year
        self.ratePercent = ratePercent
        self.seed = seed
        candidatesJSON = Self.encode(candidates)
        drawnJSON = Self.encode(drawn)
        self.drawnBy = drawnBy
    }

    var candidates: [String] { Self.decode(candidatesJSON) }
    var drawn: [String] { Self.decode(drawnJSON) }

    private static func encode(_ codes: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(codes), as: UTF8.self)) ?? "[]"
    }

    private static func decode(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}
