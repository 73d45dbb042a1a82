import Testing

@testable import App

/// The first page, with the frame every page shares: header, the role's menu, flash, footer.
@Suite("Home view")
struct HomeViewTests {
    private let model = HomeModel(
        totalPeople: 1_287, activePeople: 1_203, households: 402, openChanges: 7,
        reductionsByYear: [("2022", 31), ("2021", 44), ("2020", 29), ("2019", 12)],
        townships: [
            .init(code: "430582101", name: "界岭镇", active: 812, reduced: 61),
            .init(code: "430582104", name: "廉桥镇", active: 391, reduced: 23),
            .init(code: "430582999", name: "新<script>&\"镇", active: 0, reduced: 0),
        ])

    @Test func countyStaff() {
        assertViewSnapshot(HomeView.render(ViewFixture.county("/"), model), named: "county")
    }

    /// The township clerk's header names the township; the flash from the last action shows once.
    @Test func townshipClerkWithFlash() {
        let ctx = ViewFixture.township("/", flash: "变更申请已提交，等待乡镇审核")
        assertViewSnapshot(HomeView.render(ctx, model), named: "township-flash")
    }

    /// A user's display name is data like any other: escaped in the header.
    @Test func administratorWithANameToEscape() {
        let ctx = ViewFixture.signedIn(.admin, "/", name: ViewFixture.hostileName)
        let html = HomeView.render(ctx, model)
        #expect(!html.contains("<script>alert"))
        assertViewSnapshot(html, named: "admin-escaped-name")
    }
}
