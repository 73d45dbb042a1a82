import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Testing
import Vapor

@testable import App

@Suite("Project library file and annual plan")
struct ProjectLibraryTests {
    static let header = ProjectLibraryImporter.columns.map(\.canonicalName)

    static func row(
        _ name: String, township: String = "界岭镇", village: String = "大丰村", amount: String = "60000.00",
        noticeEnd: String = "2022-03-08"
    ) -> [String] {
        [
            "2022", name, township, village, "基础设施（水利）", "村民委员会", "80", amount, "0", "", "2022-04-01", "2022-09-30",
            "山塘清淤：2口", "2022-03-01", "38", "同意清淤", "2022-03-02", noticeEnd,
        ]
    }

    static func xlsx(_ rows: [[String]]) throws -> Data {
        try XLSXWriter.data(sheets: [XLSXSheet(name: "项目库", header: header, rows: rows.map { $0.map { .text($0) } })])
    }

    @Test("A clean file is proposed in whole; a file with bad rows is refused in whole with each row's reason")
    func importAllOrNothing() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            _ = try await clerk.get(ProjectRoutes.importForm.path())
            // given a file with three problems in three rows and one good row
            let bad = try Self.xlsx([
                Self.row("好项目"), Self.row("金额错", amount: "12.345"), Self.row("村错", village: "新华村"),
                Self.row("公示短", noticeEnd: "2022-03-04"),
            ])
            let refused = try await clerk.postMultipart(
                ProjectRoutes.importUpload.path(), fileField: "file", fileName: "项目库.xlsx", data: bad)
            // then nothing is written and each problem names its row and column
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains("项目库.xlsx 第3行“移民资金”"))
            #expect(page.contains("项目库.xlsx 第4行“村”：界岭镇没有“新华村”"))
            #expect(page.contains("项目库.xlsx 第5行“公示结束”：公示期只有3天，至少须公示5天"))
            #expect(try await Project.query(on: app.db).count() == 0)
            // a clean file goes in whole, each project at its village meeting
            let good = try Self.xlsx([Self.row("山塘清淤一"), Self.row("山塘清淤二", village: "金银村")])
            _ = try await clerk.get(ProjectRoutes.importForm.path())
            let imported = try await clerk.postMultipart(
                ProjectRoutes.importUpload.path(), fileField: "file", fileName: "项目库.xlsx", data: good)
            #expect(imported.status == .seeOther)
            let projects = try await Project.query(on: app.db).sort(\.$code).all()
            #expect(projects.map(\.name) == ["山塘清淤一", "山塘清淤二"])
            #expect(projects.allSatisfy { $0.stageValue == .proposed && $0.townshipCode == Fixtures.jieling })
            #expect(try await ProjectStep.query(on: app.db).count() == 2)
            // the same file again is refused
            _ = try await clerk.get(ProjectRoutes.importForm.path())
            let again = try await clerk.postMultipart(
                ProjectRoutes.importUpload.path(), fileField: "file", fileName: "项目库.xlsx", data: good)
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("已导入过"))
            #expect(try await Project.query(on: app.db).count() == 2)
            // and another township's rows are not a township clerk's to import
            let foreign = try Self.xlsx([Self.row("火厂坪项目", township: "火厂坪镇", village: "新华村")])
            _ = try await clerk.get(ProjectRoutes.importForm.path())
            let elsewhere = try await clerk.postMultipart(
                ProjectRoutes.importUpload.path(), fileField: "file", fileName: "火厂坪.xlsx", data: foreign)
            #expect(elsewhere.body.string.contains("只能导入本乡镇的项目"))
        }
    }

    @Test("The annual plan lists the approved projects with their approved money and a total row")
    func annualPlan() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            _ = try await FundsWorld.acceptedProject(app, "甲", planned: "120000.00")
            _ = try await FundsWorld.acceptedProject(app, "乙", planned: "30000.50", township: Fixtures.huochang)
            let clerk = ProjectService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("jieling", app))
            _ = try await clerk.propose(try FundsWorld.proposal("未批", planned: "5000.00"))
            let county = TestClient(app: app)
            try await county.login("county")
            let file = try await county.get(ProjectRoutes.annualPlan.path(query: [("year", "2022")]))
            #expect(file.status == .ok)
            let table = try TableReader.read(
                Data(buffer: file.body), fileName: "plan.xlsx",
                columns: [
                    ColumnSpec(key: "code", names: ["项目编号"]), ColumnSpec(key: "name", names: ["项目名称"]),
                    ColumnSpec(key: "fen", names: ["核定移民资金（元）"]),
                ])
            #expect(table.rows.map { $0[1] } == ["甲", "乙", ""])
            #expect(try Money.parseYuan(table.rows.last?[2] ?? "") == 15_000_050)
            // a township clerk's plan is their township's
            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            let own = try await jieling.get(ProjectRoutes.annualPlan.path(query: [("year", "2022")]))
            let ownTable = try TableReader.read(
                Data(buffer: own.body), fileName: "plan.xlsx", columns: [ColumnSpec(key: "name", names: ["项目名称"])])
            #expect(ownTable.rows.map { $0[0] } == ["甲", ""])
        }
    }
}
