import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Township scoping and roles")
struct AccessScopeTests {
    @Test func townshipUserCannotOpenAnotherTownshipsPersonByURLOrAPI() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let other = try await Fixtures.person(Fixtures.id(1975, 51), on: app.db)  // 火厂坪镇
            let own = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)  // 界岭镇
            let client = TestClient(app: app)
            try await client.login("jieling")
            // when / then
            #expect(try await client.get("/people/\(own.id!)").status == .ok)
            #expect(try await client.get("/people/\(other.id!)").status == .notFound)
            #expect(try await client.get("/people/\(other.idNumber)").status == .notFound)
            #expect(try await client.get("/households/\(other.householdID)").status == .notFound)
            #expect(try await client.get("/api/v1/people/\(other.id!)").status == .notFound)
            #expect(try await client.get("/api/v1/households/\(other.householdID)").status == .notFound)
        }
    }

    @Test func townshipUserSearchesNeverReturnOtherTownships() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let client = TestClient(app: app)
            try await client.login("jieling")
            // when: even asking for the other township explicitly
            let page = try await client.get("/people?township=\(Fixtures.huochang)")
            let api = try await client.get("/api/v1/people?township=\(Fixtures.huochang)")
            let byName = try await client.get("/api/v1/people?q=" + TestClient.escape("刘火生"))
            // then
            #expect(!page.body.string.contains("刘火生"))
            let list = try JSONDecoder().decode(PageDTO<PersonSummaryDTO>.self, from: api.body)
            #expect(list.total == 0)
            let named = try JSONDecoder().decode(PageDTO<PersonSummaryDTO>.self, from: byName.body)
            #expect(named.total == 0)
            let all = try JSONDecoder().decode(
                PageDTO<PersonSummaryDTO>.self, from: try await client.get("/api/v1/people").body)
            #expect(all.total == 4)
            #expect(all.items.allSatisfy { $0.township_code == Fixtures.jieling })
        }
    }

    @Test func readOnlyRolesCannotSubmitChangesAndOnlyAdminAndDisciplineSeeAudit() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            let finance = TestClient(app: app)
            try await finance.login("finance")
            // when
            let post = try await finance.postForm(
                "/people/\(person.id!)/changes",
                [
                    "kind": "reduction", "reason": "death", "event_date": "2025-12-20", "notice_start": "2026-01-01",
                    "notice_end": "2026-01-10",
                ])
            // then
            #expect(post.status == .forbidden)
            #expect(try await finance.get("/audit").status == .forbidden)
            #expect(try await finance.get("/import/people").status == .forbidden)
            let discipline = TestClient(app: app)
            try await discipline.login("discipline")
            #expect(try await discipline.get("/audit").status == .ok)
            #expect(try await discipline.get("/users").status == .forbidden)
        }
    }

    @Test func strangersAreSentToLoginAndAPIAnswers401() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let client = TestClient(app: app)
            #expect(try await client.get("/people").status == .seeOther)
            #expect(try await client.get("/api/v1/people").status == .unauthorized)
            #expect(try await client.get("/healthz").status == .ok)
        }
    }
}
