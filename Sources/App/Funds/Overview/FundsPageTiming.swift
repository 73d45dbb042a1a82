import Fluent
import Foundation
import Vapor

/// The work of the funds overview and a township's page — the queries, the sums and the
/// markup — without the HTTP around it, for `resettle bench funds`.
package enum FundsPageTiming {
    /// Renders both pages once and answers their sizes in bytes.
    package static func render(year: Int, township: String, on db: any Database) async throws -> (
        overview: Int, township: Int
    ) {
        let regions = try await RegionDirectory.load(on: db)
        let ctx = PageContext.anonymous(currentPath: FundsRoutes.overview.path())
        let overview = FundsView.overview(
            ctx,
            try await FundsController.overviewModel(
                year: year, years: [year], regions: regions, canManage: true, on: db))
        let page = FundsView.township(
            ctx,
            try await FundsController.townshipModel(code: township, year: year, years: [year], regions: regions, on: db)
        )
        return (overview.utf8.count, page.utf8.count)
    }
}
