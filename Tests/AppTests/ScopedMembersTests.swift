import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// A household whose members live in two townships shows a township clerk only their own.
@Suite("Scoped household members")
struct ScopedMembersTests {
    @Test func aClerkSeesOnlyTheMembersOfTheirOwnTownship() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            // 张小明 of 张大山's household is registered in 火厂坪镇 (a county user's doing).
            let son = try await Fixtures.person(Fixtures.id(1985, 31), on: app.db)
            son.townshipCode = Fixtures.huochang
            son.villageCode = "430582102201"
            try await son.save(on: app.db)
            let head = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            for path in [
                "/people/\(head.id!)", "/households/\(head.householdID)", "/api/v1/households/\(head.householdID)",
            ] {
                let page = try await clerk.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.string.contains("张大山"), "\(path)")
                #expect(
                    !page.body.string.contains("张小明") && !page.body.string.contains(son.idNumber),
                    "\(path) shows another township's member")
            }
            let county = TestClient(app: app)
            try await county.login("county")
            #expect(try await county.get("/people/\(head.id!)").body.string.contains("张小明"))
        }
    }
}
