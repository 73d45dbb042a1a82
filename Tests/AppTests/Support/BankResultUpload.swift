import Foundation
import Testing
import VaporTesting

@testable import App

extension TestClient {
    /// Confirms the bank result preview `page` shows (its hidden key, posted as the page's
    /// form would) and follows the import job to where it leads.
    func confirmBankPreview(_ page: TestingHTTPResponse, rollID: UUID) async throws -> TestingHTTPResponse {
        let html = page.body.string
        guard let field = html.range(of: "name=\"preview\" value=\"") else {
            Issue.record("no bank result preview on the page: \(html.prefix(400))")
            return page
        }
        let key = String(html[field.upperBound...].prefix { $0 != "\"" })
        return try await followJob(try await postForm(BankResultRoutes.confirm(rollID), ["preview": key]))
    }
}
