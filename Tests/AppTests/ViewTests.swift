import Testing

@testable import App

/// Views are pure functions of their models: checked here without a server or database.
@Suite("Views")
struct ViewTests {
    private let ctx = PageContext(
        userName: "测试", roleLabel: "县级业务人员", townshipName: nil, csrf: "tok", currentPath: "/people", nav: [], flash: nil
    )

    @Test func theHeaderDoesNotRepeatWhatTheNameAlreadySays() {
        #expect(PageContext.signedInLabel(name: "赵专干", role: "乡镇移民专干", township: "界岭镇") == "赵专干（乡镇移民专干 · 界岭镇）")
        #expect(PageContext.signedInLabel(name: "赵专干（界岭镇）", role: "乡镇移民专干", township: "界岭镇") == "赵专干（界岭镇）（乡镇移民专干）")
        #expect(PageContext.signedInLabel(name: "系统管理员", role: "系统管理员", township: nil) == "系统管理员")
        #expect(PageContext.signedInLabel(name: "驻局纪检组", role: "纪检组（只读）", township: nil) == "驻局纪检组（只读）")
        #expect(PageContext.signedInLabel(name: "张会计", role: "财政局（只读）", township: nil) == "张会计（财政局（只读））")
    }

    @Test func filterOptionMeaningAllSubmitsAnEmptyValue() {
        // given
        let model = PeopleSearchModel(
            search: PeopleQuery(text: "", townshipCode: "", villageCode: "", status: ""),
            townships: [("430582101", "界岭镇")], villages: [],
            rows: [], page: 1, pageCount: 0, total: 0, milliseconds: 1, canImport: false)
        // when
        let html = PeopleSearchView.render(ctx, model)
        // then: without a value attribute a browser would submit the label 全部 as the filter
        #expect(!html.contains("<option>全部"))
        #expect(html.contains("<option value selected=\"selected\">全部"))
        #expect(html.contains("<option value=\"430582101\">界岭镇"))
    }

    @Test func textIsEscaped() {
        let model = PeopleSearchModel(
            search: PeopleQuery(text: "\" autofocus onfocus=\"alert(1)", townshipCode: "", villageCode: "", status: ""),
            townships: [],
            villages: [],
            rows: [
                .init(
                    id: "1", name: "<b>x</b>", idNumber: "1", sex: "男", township: "", village: "", relation: "",
                    status: "", statusTone: "")
            ],
            page: 1, pageCount: 1, total: 1, milliseconds: 1, canImport: false)
        let html = PeopleSearchView.render(ctx, model)
        #expect(!html.contains("<b>x</b>"))
        #expect(!html.contains("onfocus=\"alert"))
        #expect(html.contains("value=\"&quot; autofocus onfocus=&quot;alert(1)\""))
    }
}
