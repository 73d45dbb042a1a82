import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("JSON API")
struct APITests {
    @Test func searchByLastDigitsAndByNamePrefix() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let client = TestClient(app: app)
            try await client.login("admin")
            let id = Fixtures.id(1975, 51)
            let bySuffix = try JSONDecoder().decode(
                PageDTO<PersonSummaryDTO>.self, from: try await client.get("/api/v1/people?q=\(id.suffix(6))").body)
            #expect(bySuffix.items.map(\.id_number) == [id])
            let byName = try JSONDecoder().decode(
                PageDTO<PersonSummaryDTO>.self,
                from: try await client.get("/api/v1/people?q=" + TestClient.escape("张")).body)
            #expect(Set(byName.items.map(\.name)) == ["张大山", "张小明"])
            let full = try JSONDecoder().decode(
                PageDTO<PersonSummaryDTO>.self, from: try await client.get("/api/v1/people?q=\(id.lowercased())").body)
            #expect(full.total == 1)
        }
    }
}
