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
            createdPassword: nil)
        assertViewSnapshot(UsersView.render(ViewFixture.admin("/users"), model), named: "users")
    }

    /// Right after creating a user the initial password shows once.
    @Test func userCreated() {
        let model = UsersModel(
            rows: [.init(username: "zhoux", displayName: "周乡长", role: "乡镇移民专干", township: "廉桥镇", state: "启用")],
            roles: Role.allCases.map { ($0.rawValue, $0.chinese) }, townships: [("430582104", "廉桥镇")],
            createdPassword: "Kp7&<x9Qm2")
        assertViewSnapshot(UsersView.render(ViewFixture.admin("/users"), model), named: "user-created")
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
