import Fluent
import Foundation
import Vapor

/// The work of the funds overview and of a township's page — the queries, the sums and the
/// markup — without the HTTP around it, for `resettle bench funds`. Each answers the page's
/// size in bytes.
package enum FundsPageTiming {
    package static func overview(year: Int, on db: any Database) async throws -> Int {
        let regions = try await RegionDirectory.load(on: db)
        let model = try await FundsController.overviewModel(
            year: year, years: [year], regions: regions, canManage: true, on: db)
        return FundsView.overview(.anonymous(currentPath: FundsRoutes.overview.path()), model).utf8.count
    }

    package static func township(_ code: String, year: Int, on db: any Database) async throws -> Int {
        let regions = try await RegionDirectory.load(on: db)
        let model = try await FundsController.townshipModel(
            code: code, year: year, years: [year], regions: regions, on: db)
        return FundsView.township(.anonymous(currentPath: FundsRoutes.overview.path()), model).utf8.count
    }
}
