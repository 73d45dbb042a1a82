import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Login")
struct LoginTests {
    @Test func repeatedFailuresLockTheAccountEvenForTheRightPassword() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            let client = TestClient(app: app)
            _ = try await client.get("/login")
            // when
            for _ in 0..<4 {
                let r = try await client.postForm("/login", ["username": "county", "password": "wrong"])
                #expect(r.status == .unauthorized)
            }
            let fifth = try await client.postForm("/login", ["username": "county", "password": "wrong"])
            let right = try await client.postForm("/login", ["username": "county", "password": Fixtures.password])
            // then
            #expect(fifth.status == .tooManyRequests)
            #expect(right.status == .tooManyRequests)
            #expect(right.body.string.contains("账号已锁定"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "login.locked").count() == 1)
        }
    }

    @Test func sessionCookieIsHttpOnlyAndStrictAndRotatesOnLogin() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let client = TestClient(app: app)
            let form = try await client.get("/login")
            let before = client.cookie
            let header = form.headers.first(name: .setCookie) ?? ""
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Strict"))
            _ = try await client.postForm("/login", ["username": "county", "password": Fixtures.password])
            #expect(client.cookie != nil && client.cookie != before)
            #expect(try await client.get("/people").status == .ok)
            _ = try await client.postForm("/logout", [:])
            #expect(try await client.get("/people").status == .seeOther)
        }
    }

    @Test func passwordsAreStoredAsBcrypt() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let user = try await User.query(on: app.db).filter(\.$username == "admin").first()!
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(!user.passwordHash.contains(Fixtures.password))
        }
    }
}
