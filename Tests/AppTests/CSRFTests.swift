import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("CSRF")
struct CSRFTests {
    @Test func formPostWithoutTokenIsRejectedAndChangesNothing() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let person = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            let client = TestClient(app: app)
            try await client.login("county")
            let form = [
                "kind": "reduction", "reason": "death", "event_date": "2025-12-20", "notice_start": "2026-01-01",
                "notice_end": "2026-01-10",
            ]
            // when
            let forged = try await client.postForm("/people/\(person.id!)/changes", form, withCSRF: false)
            client.csrf = "0000"
            let wrong = try await client.postForm("/people/\(person.id!)/changes", form)
            // then
            #expect(forged.status == .forbidden)
            #expect(wrong.status == .forbidden)
            #expect(forged.body.string.contains("表单已过期"))
            #expect(try await ChangeRequest.query(on: app.db).count() == 0)
        }
    }

    @Test func loginFormNeedsTheToken() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let client = TestClient(app: app)
            _ = try await client.get("/login")
            let response = try await client.postForm(
                "/login", ["username": "admin", "password": Fixtures.password], withCSRF: false)
            #expect(response.status == .forbidden)
        }
    }

    @Test func apiWithSessionNeedsHeaderButBearerTokenDoesNot() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let client = TestClient(app: app)
            try await client.login("county")
            let body =
                #"{"person":"\#(Fixtures.id(1960, 11))","kind":"correction","notice_start":"2026-01-01","notice_end":"2026-01-10","notice_reason":"补录","corrections":{"phone":"13900000000"}}"#
            // when / then
            #expect(try await client.postJSON("/api/v1/changes", body, csrfHeader: false).status == .forbidden)
            let token = try await APITokens.issue(for: "county", app: app)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let anonymous = TestClient(app: app)
            let created = try await anonymous.postJSON("/api/v1/changes", body, csrfHeader: false, headers: headers)
            #expect(created.status == .created)
        }
    }
}

enum APITokens {
    static func issue(for username: String, app: Application) async throws -> String {
        let user = try await User.query(on: app.db).filter(\.$username == username).first()!
        let token = Secrets.randomToken()
        let t = APIToken()
        t.userID = user.id!
        t.name = "test"
        t.tokenHash = Secrets.sha256Hex(token)
        try await t.create(on: app.db)
        return token
    }
}
