import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// An error list points at the cause: members of a household whose head's own row is wrong
/// are told to fix that row, not that the head is missing; codes read as Chinese words.
@Suite("Import errors point at the cause")
struct ImportErrorCauseTests {
    private func importCSV(_ app: Application, _ rows: [String]) async throws -> RegisterImportReport {
        let csv = ([Fixtures.header] + rows).joined(separator: "\n")
        return try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test").run(
            data: Data(csv.utf8), fileName: "register.csv")
    }

    @Test func membersOfAHeadWhoseRowHasAnErrorPointAtThatRow() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let head = Fixtures.id(1960, 11)
            let report = try await importCSV(
                app,
                [
                    // The head's own row: the township does not exist.
                    "\(head),张大山,男,户主,\(head),不存在镇,大丰村,3,柘溪水库,现状,,,,",
                    "\(Fixtures.id(1990, 12)),张小红,女,子女,\(head),界岭镇,大丰村,3,柘溪水库,现状,,,,",
                    "\(Fixtures.id(1990, 23)),张小明,男,子女,\(head),界岭镇,大丰村,3,柘溪水库,现状,,,,",
                ])
            #expect(!report.succeeded)
            let head2 = report.errors.filter { $0.row == 2 }
            #expect(head2.map(\.code) == [.unknownRegion])
            for row in [3, 4] {
                let member = report.errors.filter { $0.row == row }
                #expect(member.map(\.code) == [.headRowHasErrors], "row \(row): \(member.map(\.message))")
                #expect(member.first?.message == "户主所在第2行有错误，改正该行后本行可导入")
            }
            #expect(!report.errors.contains { $0.message.contains("既不在本文件中") })
            #expect(try await Person.query(on: app.db).count() == 0)
        }
    }

    @Test func aHeadTrulyMissingIsStillReportedAsMissing() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let absent = Fixtures.id(1950, 1)
            let report = try await importCSV(app, ["\(Fixtures.id(1990, 12)),张小红,女,子女,\(absent),界岭镇,大丰村,3,柘溪水库,现状,,,,"])
            let issue = try #require(report.errors.first)
            #expect(issue.code == .headNotFound && issue.message.contains("既不在本文件中"))
        }
    }

    @Test func theImportPageShowsTheCodesAsChineseWords() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let admin = TestClient(app: app)
            try await admin.login("admin")
            _ = try await admin.get("/import/people")
            let head = Fixtures.id(1960, 11)
            let csv = [Fixtures.header, "\(head),张大山,男,户主,\(head),不存在镇,大丰村,3,柘溪水库,现状,,,,"].joined(separator: "\n")
            let page = try await admin.followJob(
                try await admin.postMultipart(
                    "/import/people", fileField: "file", fileName: "名册.csv", data: Data(csv.utf8)))
            let html = page.body.string
            #expect(html.contains("区划不存在"))
            #expect(!html.contains(">unknown_region<"))
        }
    }

    @Test func everyCodeHasItsOwnChineseWord() {
        let words = ImportIssueCode.allCases.map(\.chinese)
        #expect(Set(words).count == words.count)
        #expect(words.allSatisfy { !$0.isEmpty && !$0.contains(where: \.isASCII) })
    }
}
