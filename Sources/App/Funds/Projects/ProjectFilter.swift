import Fluent
import ResettleCore
import Vapor

/// The project list's filters, each read once through `QueryParameters`.
struct ProjectFilter: Sendable {
    var year: Int
    var township: String
    var kind: String
    var stage: ProjectStage?
    /// "under" or "over" the county-review threshold; "" for both.
    var band: String
    var openFindings: Bool
    var page: Int

    static let perPage = 50

    init(_ req: Request, year: Int) throws {
        let q = req.queryParameters
        self.year = year
        let asked = try q.text("township")
        township = req.scope.townshipCode ?? asked
        kind = try q.text("kind")
        stage = try q.choice("stage", as: ProjectStage.self)
        band = try q.text("band")
        guard ["", "under", "over"].contains(band) else {
            throw ResettleError.badParameter(name: "band", reason: "应为 under 或 over")
        }
        let findings = try q.text("findings")
        guard ["", "open"].contains(findings) else {
            throw ResettleError.badParameter(name: "findings", reason: "应为 open")
        }
        openFindings = findings == "open"
        page = try q.page()
    }

    var query: [(String, String)] {
        [
            ("year", String(year)), ("township", township), ("kind", kind), ("stage", stage?.rawValue ?? ""),
            ("band", band), ("findings", openFindings ? "open" : ""),
        ]
    }

    /// The year's projects the filter keeps, in code order; `picture` holds them all already.
    func apply(to rows: [FundsPicture.ProjectRow], thresholdFen: Int64, openFindingProjects: Set<UUID>)
        -> [FundsPicture.ProjectRow]
    {
        rows.filter { r in
            (township.isEmpty || r.township_code == township) && (kind.isEmpty || r.kind == kind)
                && (stage == nil || r.stageValue == stage)
                && (band.isEmpty || (band == "over") == (r.resettlementFundsFen >= thresholdFen))
                && (!openFindings || openFindingProjects.contains(r.id))
        }
    }
}
