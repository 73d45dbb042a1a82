import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Register search")
struct PeopleSearchTests {
    /// The names of the result list, top to bottom.
    private func names(_ client: TestClient, _ query: String) async throws -> [String] {
        let html = try await client.get("/people?" + query).body.string
        guard let table = html.range(of: "id=\"people-table\"") else { return [] }
        return html[table.upperBound...].components(separatedBy: "<td><a href=\"/people/").dropFirst().map {
            let afterTag = $0[$0.index(after: $0.firstIndex(of: ">")!)...]
            return String(afterTag.prefix { $0 != "<" })
        }
    }

    @Test func aNameMatchesAnywhereAndDigitsFindCardsPhonesAndIDEndings() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let county = TestClient(app: app)
            try await county.login("county")
            #expect(try await names(county, "q=" + "小明".queryEscaped) == ["张小明"])
            #expect(try await names(county, "q=" + "金".queryEscaped) == ["王金银"])
            #expect(try await names(county, "q=" + "张".queryEscaped).sorted() == ["张大山", "张小明"])
            #expect(try await names(county, "q=6214830000000005") == ["张大山"], "by bank card")
            #expect(try await names(county, "q=13800000001") == ["张大山"], "by phone")
            let ending = String(Fixtures.id(1975, 51).suffix(6))
            #expect(try await names(county, "q=\(ending)") == ["刘火生"], "by the last digits of the ID")
            #expect(try await names(county, "q=" + "%".queryEscaped).isEmpty == false, "a wildcard is not one")
        }
    }

    @Test func rowsFollowTheRegisterOrderAndEachColumnSorts() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let county = TestClient(app: app)
            try await county.login("county")
            // 界岭镇 before 火厂坪镇 (by code), 大丰村 before 金银村, one household together.
            let byPlace = try await names(county, "")
            #expect(byPlace.count == 5)
            #expect(byPlace.last == "刘火生")
            #expect(Set(byPlace.prefix(3)) == ["张大山", "李秀英", "张小明"])
            #expect(byPlace[3] == "王金银")
            let byID = try await names(county, "sort=id")
            let ids = [
                Fixtures.id(1960, 11), Fixtures.id(1962, 22), Fixtures.id(1970, 41), Fixtures.id(1975, 51),
                Fixtures.id(1985, 31),
            ]
            let nameOf = [
                Fixtures.id(1960, 11): "张大山", Fixtures.id(1962, 22): "李秀英", Fixtures.id(1985, 31): "张小明",
                Fixtures.id(1970, 41): "王金银", Fixtures.id(1975, 51): "刘火生",
            ]
            #expect(byID == ids.sorted().map { nameOf[$0]! })
            #expect(try await names(county, "sort=-id") == byID.reversed())
            #expect(try await county.get("/people?sort=shoe").status == .badRequest)
            // The header links sort, and reverse the column already sorted by.
            let page = try await county.get("/people?sort=id").body.string
            #expect(page.contains("身份证号 ▲"))
            #expect(page.contains("href=\"/people?sort=-id\""))
        }
    }

    @Test func aPagePastTheEndShowsTheLastPage() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let county = TestClient(app: app)
            try await county.login("county")
            let page = try await county.get("/people?page=99").body.string
            #expect(page.contains("第 1 / 1 页"))
            #expect(try await names(county, "page=99").count == 5)
        }
    }

    @Test func theExportHoldsWhatTheSearchFindsWithinTheUsersTownship() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let header = ["序号", "姓名", "身份证号", "性别", "乡镇", "村", "组", "与户主关系", "状态", "开户银行", "银行卡号", "联系电话"]
            func read(_ response: TestingHTTPResponse) throws -> [[String]] {
                try TableReader.read(
                    Data(buffer: response.body), fileName: "people.xlsx",
                    columns: header.map { ColumnSpec(key: $0, names: [$0]) }
                ).rows.map { row in header.indices.map { row[$0] } }
            }
            // The township clerk of 火厂坪镇 gets their township only, whatever they ask for.
            let clerk = TestClient(app: app)
            try await clerk.login("huochang")
            let own = try read(try await clerk.get("/people/export.xlsx?township=\(Fixtures.jieling)"))
            #expect(own.map { $0[1] } == ["刘火生"])
            #expect(own.first?[4] == "火厂坪镇")
            // The county exports a filtered search, in the list's order, with card and phone.
            let county = TestClient(app: app)
            try await county.login("county")
            let found = try read(try await county.get("/people/export.xlsx?q=" + "张".queryEscaped + "&sort=-id"))
            #expect(found.map { $0[1] } == ["张小明", "张大山"])
            #expect(found[1][10] == "6214830000000005" && found[1][11] == "13800000001")
            #expect(found[1][2] == Fixtures.id(1960, 11))
            let entries = try await AuditEntry.query(on: app.db).filter(\.$action == "register.export").all()
            #expect(entries.count == 2)
            #expect(entries.map(\.actor).sorted() == ["county", "huochang"])
        }
    }
}
