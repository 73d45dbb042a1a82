import Fluent
import ResettleCore
import Vapor

/// The county's random sample of the year's accepted projects. The candidates, rate and seed
/// are stored with the drawn codes, so the page can draw again and show that it comes out the
/// same.
struct SpotCheckService: Sendable {
    let db: any Database
    let gate: WriteGate
    let user: User

    struct DrawRecord: Codable, Sendable {
        var year: Int
        var ratePercent: Int
        var seed: Int64
        var candidates: Int
        var drawn: [String]
    }

    func draw(year: Int, ratePercent: Int, seed: Int64) async throws -> SpotCheckDraw {
        guard FundsAccess.countySteps.contains(user.roleValue) else { throw ResettleError.forbidden }
        guard (1...100).contains(ratePercent) else {
            throw ResettleError.invalidField("抽查比例应在1%至100%之间", field: "rate")
        }
        guard seed >= 0 else { throw ResettleError.invalidField("随机种子应为非负整数", field: "seed") }
        return try await gate.write(on: db) { tx, audit in
            let candidates = try await Project.query(on: tx).filter(\.$year == year)
                .filter(\.$stage == ProjectStage.accepted.rawValue).all(\.$code)
            guard !candidates.isEmpty else {
                throw ResettleError.invalidInput("\(year)年没有已验收待复核的项目，无从抽取")
            }
            let drawn = SpotCheckSample.draw(candidates, ratePercent: ratePercent, seed: UInt64(seed))
            let record = SpotCheckDraw(
                year: year, ratePercent: ratePercent, seed: seed, candidates: candidates.sorted(), drawn: drawn,
                drawnBy: user.username)
            try await record.create(on: tx)
            audit.record(
                actor: user.username, action: "project.spotcheck.draw", entity: "spot_check_draw",
                entityID: "\(year)-\(seed)", townshipCode: nil, before: nil,
                after: DrawRecord(
                    year: year, ratePercent: ratePercent, seed: seed, candidates: candidates.count, drawn: drawn))
            return record
        }
    }
}
