import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

@Suite("A refused form comes back with what was typed")
struct FormEchoTests {
    @Test func aRefusedChangeRequestReturnsToThePersonPageWithTheReasonUnderItsField() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let person = try await Fixtures.person(Fixtures.id(1985, 31), on: app.db)
            let county = TestClient(app: app)
            try await county.login("county")
            let page = "/people/\(person.id!)"
            _ = try await county.get(page)
            let today = CivilDate.today()
            // when: a notice of three days, with the evidence typed
            let refused = try await county.postForm(
                "\(page)/changes",
                [
                    "kind": ChangeKind.reduction.rawValue, "reason": ReductionReason.death.rawValue,
                    "event_date": today.adding(days: -5).iso,
                    "evidence": "死亡证明 <第17号>", "notice_start": today.iso, "notice_end": today.adding(days: 2).iso,
                ], referer: page)
            // then: back to the form's page, which shows the reason under the notice's end
            #expect(refused.status == .seeOther)
            #expect(refused.headers.first(name: .location) == page)
            let html = try await county.get(page).body.string
            #expect(html.contains("id=\"form-refused\""))
            #expect(html.contains("<div class=\"field invalid\"><label>公示结束日期"))
            #expect(html.contains("<p class=\"field-error\">公示期为3天，不得少于7天</p>"))
            #expect(html.contains("死亡证明 &lt;第17号&gt;"), "the evidence typed is kept, escaped")
            #expect(html.contains("<option value=\"death\" selected=\"selected\">"), "the reason chosen is kept")
            #expect(try await ChangeRequest.query(on: app.db).count() == 0)
            // shown once: the next view is the plain page
            #expect(!(try await county.get(page).body.string.contains("form-refused")))
        }
    }

    @Test func aNewUserWithAWrongNameKeepsTheFormAndNeverEchoesAPassword() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            _ = try await admin.get("/users")
            let refused = try await admin.postForm(
                "/users",
                [
                    "username": "王 专干", "display_name": "王专干", "role": Role.township.rawValue,
                    "township": Fixtures.huochang, "password": "secret-typed",
                ], referer: "/users")
            #expect(refused.status == .seeOther)
            let html = try await admin.get("/users").body.string
            #expect(html.contains("<p class=\"field-error\">用户名只能包含字母、数字和 . _ -</p>"))
            #expect(html.contains("value=\"王 专干\""))
            #expect(html.contains("<option value=\"\(Fixtures.huochang)\" selected=\"selected\">"))
            #expect(!html.contains("secret-typed"))
            // A conflict (a name taken) comes back to the same field.
            _ = try await admin.postForm(
                "/users", ["username": "county", "display_name": "重名", "role": Role.county.rawValue, "township": ""],
                referer: "/users")
            let again = try await admin.get("/users").body.string
            #expect(again.contains("<p class=\"field-error\">用户名county已存在</p>"))
        }
    }

    @Test func withoutAPageOfThisSiteBehindItTheErrorIsAnsweredAsBefore() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            _ = try await admin.get("/users")
            let direct = try await admin.postForm(
                "/users", ["username": "a b", "display_name": "x", "role": Role.county.rawValue])
            #expect(direct.status == .unprocessableEntity)
            #expect(direct.body.string.contains("用户名只能包含字母、数字和 . _ -"))
            // A Referer of another site is not followed.
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.replaceOrAdd(name: .referer, value: "http://elsewhere.example/users")
            headers.replaceOrAdd(name: .host, value: "localhost")
            let body = "username=a+b&display_name=x&role=county&_csrf=\(admin.csrf ?? "")"
            let foreign = try await admin.send(.POST, "/users", headers: headers, body: ByteBuffer(string: body))
            #expect(foreign.status == .unprocessableEntity)
        }
    }
}
