import Testing

@testable import App

/// The register import page: a first load (建库), which only an administrator makes, and a list
/// of additions into a register that holds people, with the additions' notice. An upload's
/// outcome (figures, or the problems with the error list and the annotated file) is shown on
/// its job's page: `JobsViewTests`.
@Suite("Register import views")
struct RegisterImportViewTests {
    static func form(registered: Int, admin: Bool) -> RegisterImportForm {
        RegisterImportForm(
            registered: registered, mayBuildRegister: admin, today: "2022-07-01", noticeEndDefault: "2022-07-07")
    }

    @Test func firstLoadByAnAdministrator() {
        assertViewSnapshot(
            ImportView.form(ViewFixture.signedIn(.admin, "/import/people"), Self.form(registered: 0, admin: true)),
            named: "first-load")
    }

    @Test func firstLoadIsNotOfferedToCountyStaff() {
        let html = ImportView.form(ViewFixture.county("/import/people"), Self.form(registered: 0, admin: false))
        #expect(html.contains("须由系统管理员导入"))
        #expect(!html.contains("import-form"))
    }

    @Test func additionsAskForTheirNotice() {
        assertViewSnapshot(
            ImportView.form(ViewFixture.county("/import/people"), Self.form(registered: 46_001, admin: false)),
            named: "additions")
    }
}
