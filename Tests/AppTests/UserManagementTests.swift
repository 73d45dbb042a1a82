import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("User management")
struct UserManagementTests {
    /// The 14-character password a page shows once after `label`.
    private func shownPassword(after label: String, in html: String) -> String? {
        guard let start = html.range(of: label) else { return nil }
        let password = html[start.upperBound...].prefix { $0.isLetter || $0.isNumber }
        return password.count == 14 ? String(password) : nil
    }

    private func admin(_ app: Application) async throws -> TestClient {
        let client = TestClient(app: app)
        try await client.login("admin")
        return client
    }

    @Test func theAdministratorEditsAnAccountAndTheChangeIsAuditedFieldByField() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            let admin = try await admin(app)
            _ = try await admin.get("/users/county")
            // when
            let saved = try await admin.postForm(
                "/users/county", ["display_name": "李县级", "role": Role.leader.rawValue, "township": ""])
            let withoutTownship = try await admin.postForm(
                "/users/county", ["display_name": "李县级", "role": Role.township.rawValue, "township": ""])
            // then
            #expect(saved.status == .seeOther)
            #expect(withoutTownship.status == .unprocessableEntity)
            #expect(withoutTownship.body.string.contains("乡镇专干必须指定所属乡镇"))
            let user = try await User.query(on: app.db).filter(\.$username == "county").first()!
            #expect(user.displayName == "李县级")
            #expect(user.roleValue == .leader)
            let entry = try await AuditEntry.query(on: app.db).filter(\.$action == "user.update").all()
            #expect(entry.count == 1)
            #expect(entry.first?.beforeJSON.contains("\"role\":\"county\"") == true)
            #expect(entry.first?.afterJSON.contains("\"role\":\"leader\"") == true)
            let page = try await admin.get("/users/county")
            #expect(page.body.string.contains("李县级"))
            #expect(page.body.string.contains("中心领导"))
        }
    }

    @Test func aDisabledUserIsOutAtOnceAndCannotLogInUntilEnabled() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            let admin = try await admin(app)
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            #expect(try await clerk.get("/people").status == .ok)
            // when
            _ = try await admin.get("/users/jieling")
            let disabled = try await admin.postForm("/users/jieling/disable", [:])
            // then
            #expect(disabled.status == .seeOther)
            #expect(try await clerk.get("/people").status == .seeOther, "the open session ended")
            let again = TestClient(app: app)
            _ = try await again.get("/login")
            let refused = try await again.postForm(
                "/login", ["username": "jieling", "password": Fixtures.password])
            #expect(refused.status == .unauthorized)
            #expect(try await admin.get("/users/jieling").body.string.contains("停用"))
            // when enabled again
            _ = try await admin.postForm("/users/jieling/enable", [:])
            let back = TestClient(app: app)
            try await back.login("jieling")
            #expect(try await back.get("/people").status == .ok)
            let actions = try await AuditEntry.query(on: app.db).filter(\.$entity == "user")
                .filter(\.$entityID == "jieling").all().map(\.action)
            #expect(actions.contains("user.disable") && actions.contains("user.enable"))
        }
    }

    @Test func theAdministratorCannotDisableOrDemoteTheirOwnAccount() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let admin = try await admin(app)
            _ = try await admin.get("/users/admin")
            let disable = try await admin.postForm("/users/admin/disable", [:])
            let demote = try await admin.postForm(
                "/users/admin", ["display_name": "admin", "role": Role.county.rawValue, "township": ""])
            #expect(disable.status == .unprocessableEntity)
            #expect(demote.status == .unprocessableEntity)
            let user = try await User.query(on: app.db).filter(\.$username == "admin").first()!
            #expect(user.isActive && user.roleValue == .admin)
        }
    }

    @Test func aResetPasswordIsShownOnceEndsSessionsAndMustBeChangedFirst() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            let admin = try await admin(app)
            let old = TestClient(app: app)
            try await old.login("county")
            // when
            _ = try await admin.get("/users/county")
            let reset = try await admin.postForm("/users/county/reset-password", [:])
            // then
            let password = try #require(shownPassword(after: "新密码：", in: reset.body.string))
            #expect(!(try await admin.get("/users/county").body.string.contains(password)), "shown once only")
            #expect(try await old.get("/people").status == .seeOther, "the open session ended")
            let stale = TestClient(app: app)
            _ = try await stale.get("/login")
            #expect(
                try await stale.postForm("/login", ["username": "county", "password": Fixtures.password]).status
                    == .unauthorized)

            // The given password lets the user in, but only as far as the password page.
            let user = TestClient(app: app)
            try await user.login("county", password)
            let people = try await user.get("/people")
            #expect(people.status == .seeOther)
            #expect(people.headers.first(name: .location) == "/account/password")
            #expect(try await user.get("/api/v1/people").status == .unprocessableEntity)
            let form = try await user.get("/account/password")
            #expect(form.body.string.contains("请先改为只有您自己知道的密码"))

            // Wrong input is refused on the form itself and changes nothing.
            let mismatch = try await user.postForm(
                "/account/password", ["current": password, "new": "新的密码12345", "confirmation": "另一个密码12345"])
            #expect(mismatch.status == .unprocessableEntity)
            #expect(mismatch.body.string.contains("两次输入的新密码不一致"))
            #expect(mismatch.body.string.contains("password-form"))
            let wrongCurrent = try await user.postForm(
                "/account/password", ["current": "nottheone", "new": "新的密码12345", "confirmation": "新的密码12345"])
            #expect(wrongCurrent.body.string.contains("当前密码不正确"))

            let changed = try await user.postForm(
                "/account/password", ["current": password, "new": "新的密码12345", "confirmation": "新的密码12345"])
            #expect(changed.status == .seeOther)
            #expect(try await user.get("/people").status == .ok)
            let fresh = TestClient(app: app)
            try await fresh.login("county", "新的密码12345")
            #expect(try await fresh.get("/people").status == .ok)
            let actions = try await AuditEntry.query(on: app.db).filter(\.$entityID == "county").all().map(\.action)
            #expect(actions.contains("user.password.reset") && actions.contains("user.password.change"))
            #expect(try await AuditEntry.query(on: app.db).all().allSatisfy { !$0.afterJSON.contains(password) })
        }
    }

    @Test func aNewAccountFromTheUsersPageMustChangeItsFirstPassword() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let admin = try await admin(app)
            _ = try await admin.get("/users")
            let created = try await admin.postForm(
                "/users", ["username": "wang", "display_name": "王专干", "role": Role.county.rawValue, "township": ""])
            let password = try #require(shownPassword(after: "初始密码：", in: created.body.string))
            let wang = TestClient(app: app)
            try await wang.login("wang", password)
            #expect(try await wang.get("/people").headers.first(name: .location) == "/account/password")
        }
    }

    @Test func aLockedAccountIsUnlockedByTheAdministrator() async throws {
        try await withTestApp { app in
            // given: five wrong passwords lock the account
            try await Fixtures.seed(app)
            let guesser = TestClient(app: app)
            _ = try await guesser.get("/login")
            for _ in 0..<5 {
                _ = try await guesser.postForm("/login", ["username": "leader", "password": "wrong"])
            }
            let admin = try await admin(app)
            let page = try await admin.get("/users/leader")
            #expect(page.body.string.contains("已锁定"))
            #expect(page.body.string.contains("unlock-form"))
            // when
            let unlocked = try await admin.postForm("/users/leader/unlock", [:])
            // then
            #expect(unlocked.status == .seeOther)
            let leader = TestClient(app: app)
            try await leader.login("leader")
            #expect(try await leader.get("/people").status == .ok)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "user.unlock").count() == 1)
        }
    }

    @Test func onlyTheAdministratorManagesAccounts() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            for name in ["county", "leader", "jieling", "finance", "discipline"] {
                let client = TestClient(app: app)
                try await client.login(name)
                #expect(try await client.get("/users/admin").status == .forbidden, "\(name) opened an account")
                for action in ["disable", "reset-password", "unlock"] {
                    let r = try await client.postForm("/users/admin/\(action)", [:])
                    #expect(r.status == .forbidden, "\(name) could \(action)")
                }
                let edit = try await client.postForm(
                    "/users/\(name)", ["display_name": "x", "role": Role.admin.rawValue, "township": ""])
                #expect(edit.status == .forbidden, "\(name) edited an account")
            }
            let admin = try await User.query(on: app.db).filter(\.$username == "admin").first()!
            #expect(admin.isActive && !admin.mustChangePassword)
            #expect(try await User.query(on: app.db).filter(\.$role == Role.admin.rawValue).count() == 1)
        }
    }
}
