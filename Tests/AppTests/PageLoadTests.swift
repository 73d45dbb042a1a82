import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The busiest pages keep what they computed until the data under it changes: the region
/// directory per application, the home page's counts and the search totals until the next
/// audited write. Each test changes the database behind the application's back (raw SQL, no
/// audit entry) to see whether a page recomputed, then makes the change the proper way.
@Suite("Page load")
struct PageLoadTests {
    private func seeded(_ app: Application) async throws {
        try await Fixtures.seed(app)
        try await Fixtures.importRegister(app)
    }

    /// The figure of a home page tile, by its label.
    private func tile(_ label: String, in html: String) -> Int? {
        guard let labelRange = html.range(of: "<span class=\"label\">\(label)</span>") else { return nil }
        let before = html[..<labelRange.lowerBound]
        guard let open = before.range(of: "<span class=\"value\">", options: .backwards) else { return nil }
        return Int(before[open.upperBound...].prefix { $0.isNumber })
    }

    private func searchTotal(in html: String) -> Int? {
        guard let range = html.range(of: "共找到 ") else { return nil }
        return Int(html[range.upperBound...].prefix { $0.isNumber })
    }

    /// A status change without an audit entry: not how the system writes, which is the point.
    private func setStatusUnaudited(_ idNumber: String, _ status: String, on app: Application) async throws {
        try await (app.db as! any SQLDatabase).update("people").set("status", to: SQLBind(status))
            .where("id_number", .equal, SQLBind(idNumber)).run()
    }

    @Test func homeFiguresAreCountedAgainOnlyAfterAnAuditedWrite() async throws {
        try await withTestApp { app in
            try await seeded(app)
            let county = TestClient(app: app)
            try await county.login("county")
            let first = try await county.get("/").body.string
            #expect(tile("在册移民（人）", in: first) == 5)
            #expect(tile("户数（户）", in: first) == 3)

            try await setStatusUnaudited(Fixtures.id(1985, 31), "reduced", on: app)
            // Same register version: the counts are the ones already made.
            #expect(tile("在册移民（人）", in: try await county.get("/").body.string) == 5)

            try await Fixtures.appendAudit(on: app)
            let after = try await county.get("/").body.string
            #expect(tile("在册移民（人）", in: after) == 4)
            #expect(tile("登记总人数（人）", in: after) == 5)
        }
    }

    @Test func homeFiguresOfATownshipAreNotTheCounty() async throws {
        try await withTestApp { app in
            try await seeded(app)
            let county = TestClient(app: app)
            try await county.login("county")
            #expect(tile("登记总人数（人）", in: try await county.get("/").body.string) == 5)

            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            let own = try await jieling.get("/").body.string
            #expect(tile("登记总人数（人）", in: own) == 4)
            #expect(tile("户数（户）", in: own) == 2)
            #expect(!own.contains("火厂坪镇"))

            let huochang = TestClient(app: app)
            try await huochang.login("huochang")
            #expect(tile("登记总人数（人）", in: try await huochang.get("/").body.string) == 1)
        }
    }

    @Test func searchTotalsAreKeptPerScopeAndFilterUntilAnAuditedWrite() async throws {
        try await withTestApp { app in
            try await seeded(app)
            let county = TestClient(app: app)
            try await county.login("county")
            #expect(searchTotal(in: try await county.get("/people?status=active").body.string) == 5)
            #expect(searchTotal(in: try await county.get("/people").body.string) == 5)

            try await setStatusUnaudited(Fixtures.id(1985, 31), "reduced", on: app)
            #expect(searchTotal(in: try await county.get("/people?status=active").body.string) == 5)
            // Another filter is another total, counted now.
            #expect(searchTotal(in: try await county.get("/people?status=reduced").body.string) == 1)

            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            #expect(searchTotal(in: try await jieling.get("/people").body.string) == 4)

            try await Fixtures.appendAudit(on: app)
            #expect(searchTotal(in: try await county.get("/people?status=active").body.string) == 4)
        }
    }

    @Test func regionDirectoryIsReadOncePerApplicationAndDroppedOnImport() async throws {
        try await withTestApp { app in
            try await seeded(app)
            let county = TestClient(app: app)
            try await county.login("county")
            #expect(try await county.get("/people").body.string.contains("界岭镇"))

            try await (app.db as! any SQLDatabase).update("regions").set("name", to: SQLBind("界岭乡"))
                .where("code", .equal, SQLBind(Fixtures.jieling)).run()
            let cached = try await county.get("/people").body.string
            #expect(cached.contains("界岭镇") && !cached.contains("界岭乡"))

            let csv = "代码,名称\n\(Fixtures.jieling),界岭新镇\n"
            let report = try await RegionImporter(db: app.db, gate: app.writeGate, actor: "test").run(
                data: Data(csv.utf8), fileName: "rename.csv")
            #expect(report.errors.isEmpty && report.renamed == 1)
            let renamed = try await county.get("/people").body.string
            #expect(renamed.contains("界岭新镇"))
            #expect(try await county.get("/").body.string.contains("界岭新镇"))

            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            #expect(try await jieling.get("/people").body.string.contains("界岭新镇"))
        }
    }

    @Test func aRegionAddedOrRenamedElsewhereIsSeenOnTheNextPage() async throws {
        try await withTestApp { app in
            try await seeded(app)
            let cache = RegionDirectoryCache()
            #expect(try await cache.directory(on: app.db).township("新镇") == nil)
            // Another process adds a township: the count changes.
            try await (app.db as! any SQLDatabase).insert(into: "regions").columns(
                "code", "name", "level", "parent_code"
            )
            .values(SQLBind("430582199"), SQLBind("新镇"), SQLBind("township"), SQLBind("430582")).run()
            #expect(try await cache.directory(on: app.db).township("新镇") == "430582199")
            // Another process renames one through the importer: the audit entry changes.
            let csv = "代码,名称\n430582199,新镇乡\n"
            _ = try await RegionImporter(db: app.db, gate: app.writeGate, actor: "test").run(
                data: Data(csv.utf8), fileName: "rename.csv")
            #expect(try await cache.directory(on: app.db).township("新镇乡") == "430582199")
        }
    }

    /// Synchronous mode, cache and map size belong to one SQLite connection, so every pooled
    /// connection must get them, not just the first one asked.
    @Test(.enabled(if: !isPostgresRun))
    func everySQLiteConnectionGetsTheSettings() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pragma-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try await configure(app, database: .sqliteFile(path: directory.appendingPathComponent("t.sqlite").path))
            var loops = 0
            for eventLoop in app.eventLoopGroup.makeIterator() {
                loops += 1
                let sql = app.databases.database(.sqlite, logger: app.logger, on: eventLoop) as! any SQLDatabase
                let sync = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
                let cache = try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)
                #expect(sync == 1, "synchronous on event loop \(loops)")
                #expect(cache == -65536, "cache_size on event loop \(loops)")
            }
            #expect(loops >= 1)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
