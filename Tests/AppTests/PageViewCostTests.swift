import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// What a page view no longer reads each time: the signed-in user and the region fingerprint
/// are kept at the register version the session query brings along, and the list tables are
/// written without Plot's components. Each test changes the database behind the
/// application's back (raw SQL, no audit entry), then makes an audited write.
@Suite("Page view cost")
struct PageViewCostTests {
    @Test func theSignedInUserIsReadAgainAfterAnAuditedWrite() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let county = TestClient(app: app)
            try await county.login("county")
            #expect(try await county.get("/").body.string.contains("（县级业务人员）"))

            // Stopped by hand, without an audit entry: the page still knows the user as read.
            try await (app.db as! any SQLDatabase).update("users").set("is_active", to: SQLLiteral.boolean(false))
                .where("username", .equal, SQLBind("county")).run()
            #expect(try await county.get("/").status == .ok)

            // The next audited write ends the kept copy: the stopped user is sent to the login.
            try await Fixtures.appendAudit(on: app)
            let after = try await county.get("/")
            #expect(after.status == .seeOther || after.status == .found)
            #expect(after.headers.first(name: .location)?.hasPrefix("/login") == true)
        }
    }

    @Test func theSignedInUserCacheGivesEachRequestItsOwnUser() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let id = try #require(try await User.query(on: app.db).filter(\.$username == "county").first()?.id)
            let cache = SignedInUserCache()
            let first = try #require(try await cache.user(id: id, version: 7, on: app.db))
            let second = try #require(try await cache.user(id: id, version: 7, on: app.db))
            #expect(first !== second)
            #expect(second.id == id && second.username == "county" && second.roleValue == .county && second.isActive)
            #expect(second.$id.exists)
            // Past the age limit the row is read again even at the same version.
            try await (app.db as! any SQLDatabase).update("users").set("display_name", to: SQLBind("新名字"))
                .where("username", .equal, SQLBind("county")).run()
            #expect(try await cache.user(id: id, version: 7, on: app.db)?.displayName != "新名字")
            let later = Date().addingTimeInterval(SignedInUserCache.maxAgeSeconds + 1)
            #expect(try await cache.user(id: id, version: 7, on: app.db, now: later)?.displayName == "新名字")
        }
    }

    @Test func aRegionWrittenWithoutAnAuditEntryShowsAfterTheRecheckTime() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let cache = RegionDirectoryCache()
            let version = try await RegisterVersion.lastAuditSeq(on: app.db)
            #expect(try await cache.directory(on: app.db, registerVersion: version).township("新镇") == nil)
            try await (app.db as! any SQLDatabase).insert(into: "regions").columns(
                "code", "name", "level", "parent_code"
            )
            .values(SQLBind("430582199"), SQLBind("新镇"), SQLBind("township"), SQLBind("430582")).run()
            // Same version, within the recheck time: the kept copy, no query.
            #expect(try await cache.directory(on: app.db, registerVersion: version).township("新镇") == nil)
            let later = Date().addingTimeInterval(RegionDirectoryCache.recheckSeconds + 1)
            #expect(
                try await cache.directory(on: app.db, registerVersion: version, now: later).township("新镇")
                    == "430582199")
        }
    }

    @Test func aRegionRenamedThroughTheImporterShowsOnTheNextPage() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let county = TestClient(app: app)
            try await county.login("county")
            #expect(try await county.get("/people").body.string.contains("界岭镇"))
            let csv = "代码,名称\n\(Fixtures.jieling),界岭新镇\n"
            _ = try await RegionImporter(db: app.db, gate: app.writeGate, actor: "test").run(
                data: Data(csv.utf8), fileName: "rename.csv")
            let page = try await county.get("/people").body.string
            #expect(page.contains("界岭新镇") && !page.contains(">界岭镇<"))
        }
    }

    @Test func aPostReadsTheRegisterVersionAfresh() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let get = Request(application: app, method: .GET, url: "/", on: app.eventLoopGroup.any())
            get.noteRegisterVersion(41)
            #expect(try await get.registerVersion() == 41)
            let post = Request(application: app, method: .POST, url: "/", on: app.eventLoopGroup.any())
            post.noteRegisterVersion(41)
            #expect(try await post.registerVersion() == (try await RegisterVersion.lastAuditSeq(on: app.db)))
        }
    }
}

@Suite("HTML writing")
struct HTMLWritingTests {
    private let hostile = "\"><img src=x onerror=alert(1)>&'"

    @Test func escapingCoversTheFiveCharactersAndKeepsEverythingElse() {
        #expect(HTMLAttribute.escape(hostile) == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#39;")
        #expect(HTMLAttribute.escape("界岭镇 430582101 张三") == "界岭镇 430582101 张三")
        #expect(HTMLAttribute.escape("王<五>·李") == "王&lt;五&gt;·李")
        #expect(HTMLAttribute.escape("") == "")
    }

    @Test func aDataTableEscapesEveryCellKind() {
        let table = DataTable(
            header: [hostile],
            rows: [
                [
                    .text(hostile), .mono(hostile), .number(hostile), .link(hostile, url: hostile),
                    .badge(hostile, tone: hostile),
                ]
            ],
            classes: hostile, id: hostile)
        let html = table.html
        #expect(!html.contains("<img"))
        // Class, id, header, and the seven values of the five cells (link and badge have two).
        #expect(html.components(separatedBy: "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#39;").count == 1 + 10)
        #expect(html.hasPrefix("<table class=\"&quot;&gt;"))
        #expect(html.contains("<tbody><tr><td>&quot;&gt;&lt;img"))
    }

    @Test func aSelectMarksTheChosenOptionAndKeepsTheEmptyValue() {
        let field = SelectField(
            label: "乡镇", name: "township", options: [("", "全部"), ("430582101", "界岭镇"), (hostile, hostile)],
            selected: "430582101")
        let html = field.render()
        #expect(html.contains("<option value>全部</option>"))
        #expect(html.contains("<option value=\"430582101\" selected=\"selected\">界岭镇</option>"))
        #expect(!html.contains("<img"))
    }
}
