import Testing

@testable import App

/// The error page, for strangers and signed-in users.
@Suite("Error views")
struct ErrorViewTests {
    @Test func notFoundSignedIn() {
        assertViewSnapshot(
            ErrorView.render(ViewFixture.county("/people/nobody"), status: 404, message: "页面不存在"), named: "not-found")
    }

    @Test func forbidden() {
        assertViewSnapshot(
            ErrorView.render(ViewFixture.finance("/users"), status: 403, message: "没有权限执行此操作"), named: "forbidden")
    }

    /// A message can carry user input (a refused value): escaped.
    @Test func serverErrorAnonymous() {
        let html = ErrorView.render(.anonymous(currentPath: "/x"), status: 500, message: "服务器内部错误：<script>&\"")
        assertViewSnapshot(html, named: "server-error")
    }
}
