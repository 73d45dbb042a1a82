import Testing

@testable import App

/// The register import page. An upload's outcome (figures, or the problems with the error
/// list and the annotated file) is shown on its job's page: `JobsViewTests`.
@Suite("Register import views")
struct RegisterImportViewTests {
    @Test func form() {
        assertViewSnapshot(ImportView.form(ViewFixture.county("/import/people")), named: "form")
    }
}
