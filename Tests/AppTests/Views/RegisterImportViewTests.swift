import Testing

@testable import App

/// The register import page: the form alone, and the form with the outcome of an upload.
@Suite("Register import views")
struct RegisterImportViewTests {
    private static func result(succeeded: Bool) -> ImportResultModel {
        ImportResultModel(
            fileName: "界岭镇<2022>&\"名册\".xlsx", succeeded: succeeded, rowCount: 3, peopleWritten: succeeded ? 3 : 0,
            householdsWritten: succeeded ? 1 : 0, newReservoirs: succeeded ? ["六都寨水库", "石门&<水库>"] : [],
            errors: succeeded
                ? []
                : [
                    ViewFixture.issue(3, "身份证号", .invalidID, "身份证号 43058219900228003X 校验位不符"),
                    ViewFixture.issue(4, "户主身份证号", .headRowHasErrors, "户主所在的第 3 行有错误，请先改正该行"),
                    ViewFixture.issue(0, "", .fileError, "缺少列：<村>"),
                ],
            warnings: [ViewFixture.issue(5, "银行卡号", .cardCheckFailed, "银行卡号 6230901818000123450 未通过校验（存折账号可忽略）")],
            errorCount: succeeded ? 0 : 3, seconds: 0.42,
            errorListURL: succeeded ? nil : "/import/people/uploads/\(ViewFixture.id(300))/errors.csv",
            annotated: succeeded
                ? nil : (url: "/import/people/uploads/\(ViewFixture.id(300))/annotated", name: "界岭镇<2022>&\"名册\"-错误说明.xlsx"))
    }

    @Test func form() {
        assertViewSnapshot(ImportView.form(ViewFixture.county("/import/people"), result: nil), named: "form")
    }

    @Test func imported() {
        assertViewSnapshot(ImportView.form(ViewFixture.county("/import/people"), result: Self.result(succeeded: true)), named: "succeeded")
    }

    /// A refused file: the problems, the error list and the annotated copy.
    @Test func refused() {
        assertViewSnapshot(ImportView.form(ViewFixture.township("/import/people"), result: Self.result(succeeded: false)), named: "refused")
    }
}
