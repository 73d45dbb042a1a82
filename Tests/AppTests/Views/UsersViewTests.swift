import Foundation
import Testing

@testable import App

/// The users page and the login page.
@Suite("Users views")
struct UsersViewTests {
    @Test func users() {
        let model = UsersModel(
            rows: [
                .init(username: "admin", displayName: "张敏", role: "系统管理员", township: "", state: "启用"),
                .init(username: "lixy", displayName: "李秀英", role: "乡镇移民专干", township: "界岭镇", state: "启用"),
                .init(username: "old", displayName: "<script>&\"旧账号", role: "县级业务人员", township: "", state: "停用"),
            ],
            roles: Role.allCases.map { ($0.rawValue, $0.chinese) },
            townships: [("430582101", "界岭镇"), ("430582104", "廉桥镇")],
            created: nil)
        assertViewSnapshot(UsersView.render(ViewFixture.admin("/users"), model), named: "users")
    }

    /// Right after creating a user the initial password shows once.
    @Test func userCreated() {
        let model = UsersModel(
            rows: [.init(username: "zhoux", displayName: "周乡长", role: "乡镇移民专干", township: "廉桥镇", state: "启用")],
            roles: Role.allCases.map { ($0.rawValue, $0.chinese) }, townships: [("430582104", "廉桥镇")],
            created: ("zhoux", "Kp7&<x9Qm2"))
        assertViewSnapshot(UsersView.render(ViewFixture.admin("/users"), model), named: "user-created")
    }

    private static func account(isActive: Bool, locked: Bool, newPassword: String?) -> AccountModel {
        let state = AccountState(
            isActive: isActive, lockedUntil: locked ? Date(timeIntervalSince1970: 1_664_000_000) : nil,
            mustChangePassword: newPassword != nil)
        return AccountModel(
            username: "lixy", displayName: "李秀英<b>", role: Role.township.rawValue, roleName: Role.township.chinese,
            townshipCode: "430582101", townshipName: "界岭镇", state: state, createdAt: "2022-03-01 09:00",
            isSelf: false, roles: Role.allCases.map { ($0.rawValue, $0.chinese) },
            townships: [("430582101", "界岭镇"), ("430582104", "廉桥镇")], newPassword: newPassword)
    }

    /// One account: its edit form and the actions its state allows (a locked account can be unlocked).
    @Test func accountLocked() {
        let html = AccountView.render(
            ViewFixture.admin("/users/lixy"), Self.account(isActive: true, locked: true, newPassword: nil))
        assertViewSnapshot(html, named: "account-locked")
    }

    /// Right after a reset the new password shows once; a disabled account offers 启用.
    @Test func accountResetAndDisabled() {
        let html = AccountView.render(
            ViewFixture.admin("/users/lixy"), Self.account(isActive: false, locked: false, newPassword: "Kp7&<x9Qm2"))
        assertViewSnapshot(html, named: "account-reset-disabled")
    }

    /// The password page as a user whose password was given out sees it, with a refusal.
    @Test func passwordMustChange() {
        let html = PasswordView.render(ViewFixture.admin("/account/password"), mustChange: true, error: "两次输入的新密码不一致")
        assertViewSnapshot(html, named: "password-must-change")
    }

    /// Before login: no user in the header, no menu; the form carries its own token.
    @Test func login() {
        let html = LoginView.render(.anonymous(currentPath: "/login"), csrf: ViewFixture.csrf, username: "", error: nil)
        assertViewSnapshot(html, named: "login")
    }

    @Test func loginRefused() {
        let html = LoginView.render(
            .anonymous(currentPath: "/login"), csrf: ViewFixture.csrf, username: "\"><script>&", error: "用户名或密码错误")
        assertViewSnapshot(html, named: "login-refused")
    }
}
