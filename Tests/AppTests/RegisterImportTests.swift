import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Testing
import Vapor

@testable import App

@Suite("Register import", .serialized)
struct RegisterImportTests {
    private func importCSV(_ app: Application, _ csv: String, name: String = "register.csv") async throws
        -> RegisterImportReport
    {
        try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test").run(
            data: Data(csv.utf8), fileName: name)
    }

    @Test func goodFileIsWrittenWithHouseholdsAndSupportWindows() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            // when
            let report = try await importCSV(app, Fixtures.registerCSV)
            // then
            #expect(report.succeeded)
            #expect(report.peopleWritten == 5)
            #expect(report.householdsWritten == 3)
            #expect(Set(report.newReservoirs) == ["柘溪水库", "东江水库"])
            let son = try await Fixtures.person(Fixtures.id(1985, 31), on: app.db)
            let head = try await Fixtures.person(Fixtures.id(1960, 11), on: app.db)
            #expect(son.householdID == head.householdID)
            #expect(son.groupCode == "430582101201003")
            #expect(head.supportStart == "2006-07-01" && head.supportEnd == "2026-06-30")
            let relocated = try await Fixtures.person(Fixtures.id(1970, 41), on: app.db)
            #expect(relocated.supportStart == "2010-06-01" && relocated.supportEnd == "2030-05-31")
            #expect(relocated.villageCode == "430582101202")
            #expect(try await ArchivedFile.query(on: app.db).count() == 1)
        }
    }

    @Test func oneBadRowMeansNothingIsWrittenAndEveryProblemIsReported() async throws {
        try await withTestApp { app in
            // given: a file where every row but the first has a different problem
            try await Fixtures.seed(app)
            let head = Fixtures.id(1960, 11)
            let csv = [
                Fixtures.header,
                "\(head),张大山,男,户主,\(head),界岭镇,大丰村,3,柘溪水库,现状,,,,",
                "11010519491231002Y,坏号码,男,子女,\(head),界岭镇,大丰村,3,柘溪水库,现状,,,,",
                "\(head),重复,男,子女,\(head),界岭镇,大丰村,3,柘溪水库,现状,,,,",
                "\(Fixtures.id(1990, 12)),,女,子女,\(head),界岭镇,大丰村,3,柘溪水库,现状,,,,",
                "\(Fixtures.id(1990, 24)),甲,男,子女,\(head),界岭镇,大丰村,3,柘溪水库,现状,,,,",
                "\(Fixtures.id(1990, 33)),乙,男,子女,\(head),不存在镇,大丰村,3,柘溪水库,现状,,,,",
                "\(Fixtures.id(1990, 43)),丙,男,子女,\(head),界岭镇,大丰村,3,柘溪水库,原迁,2010-13-40,,,",
                "\(Fixtures.id(1990, 53)),丁,男,子女,\(Fixtures.id(1950, 1)),界岭镇,大丰村,3,柘溪水库,现状,,,,",
                "\(Fixtures.id(1990, 63)),戊,男,邻居,\(head),界岭镇,大丰村,3,柘溪水库,现状,,,,",
                "\(Fixtures.id(1990, 73)),己,男,子女,\(head),界岭镇,大丰村,3,柘溪水库,原迁,,,,",
            ].joined(separator: "\n")
            // when
            let report = try await importCSV(app, csv)
            // then
            #expect(!report.succeeded)
            let codes = Set(report.errors.map { "\($0.row):\($0.code.rawValue)" })
            #expect(codes.contains("3:invalid_id"))
            #expect(codes.contains("4:duplicate_id_in_file"))
            #expect(codes.contains("5:missing_value"))
            #expect(codes.contains("6:sex_mismatch"))
            #expect(codes.contains("7:unknown_region"))
            #expect(codes.contains("8:invalid_date"))
            #expect(codes.contains("9:head_not_found"))
            #expect(codes.contains("10:invalid_value"))
            #expect(codes.contains("11:missing_value"))
            #expect(try await Person.query(on: app.db).count() == 0)
            #expect(try await Household.query(on: app.db).count() == 0)
            #expect(try await Reservoir.query(on: app.db).count() == 0)
            let csvReport = String(decoding: report.errorCSV(), as: UTF8.self)
            #expect(csvReport.hasPrefix("\u{FEFF}行,列,类别,说明,code"))
        }
    }

    @Test func sexThatContradictsTheIDIsReported() async throws {
        try await withTestApp { app in
            // given: an even sequence digit means female
            try await Fixtures.seed(app)
            let woman = Fixtures.id(1962, 22)
            let csv = Fixtures.header + "\n\(woman),某,男,户主,\(woman),界岭镇,大丰村,,柘溪水库,现状,,,,\n"
            // when
            let report = try await importCSV(app, csv)
            // then
            #expect(report.errors.map(\.code) == [.sexMismatch])
            #expect(report.errors.first?.row == 2)
            #expect(report.errors.first?.column == "性别")
        }
    }

    @Test func reimportingTheSameFileReportsEveryRowAsExisting() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            #expect(try await importCSV(app, Fixtures.registerCSV).succeeded)
            let auditBefore = try await AuditEntry.query(on: app.db).count()
            // when
            let again = try await importCSV(app, Fixtures.registerCSV)
            // then
            #expect(again.errors.count == 5)
            #expect(again.errors.allSatisfy { $0.code == .idExists })
            #expect(try await Person.query(on: app.db).count() == 5)
            #expect(try await AuditEntry.query(on: app.db).count() == auditBefore)
        }
    }

    @Test func gbkFileWithLegacyIDsAndLowercaseXIsImported() async throws {
        try await withTestApp { app in
            // given: GB18030 bytes, a 15-digit legacy ID and a lower-case x, as old rosters have
            try await Fixtures.seed(app)
            let rows = [
                Fixtures.header.components(separatedBy: ","),
                [
                    "110105491231002", "老号码", "女", "户主", "11010519491231002x", "界岭镇", "金银村", "", "柘溪水库", "现状", "", "",
                    "", "",
                ],
            ]
            let data = CSVWriter.data(rows: rows, encoding: .gb18030)
            #expect(String(data: data, encoding: .utf8) == nil)
            // when
            let report = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test").run(
                data: data, fileName: "gbk.csv")
            // then
            #expect(report.succeeded, "\(report.errors)")
            let person = try await Fixtures.person("11010519491231002X", on: app.db)
            #expect(person.name == "老号码")
            #expect(person.birthDate == "1949-12-31")
        }
    }

    @Test func xlsxRegisterIsReadThroughTheSameFrontDoor() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            let lines = Fixtures.registerCSV.split(separator: "\n").map { $0.components(separatedBy: ",") }
            let sheet = XLSXSheet(
                name: "名册", header: lines[0], rows: lines.dropFirst().map { $0.map { XLSXCell.text($0) } })
            let data = try XLSXWriter.data(sheets: [sheet])
            // when
            let report = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test").run(
                data: data, fileName: "register.xlsx")
            // then
            #expect(report.succeeded, "\(report.errors)")
            #expect(report.peopleWritten == 5)
        }
    }

    @Test func idStoredAsANumberByExcelIsReportedNotGuessed() async throws {
        try await withTestApp { app in
            // given: the ID as Excel shows an 18-digit number it has rounded to 15 digits
            try await Fixtures.seed(app)
            let id = Fixtures.id(1960, 11)
            let header = Fixtures.header.components(separatedBy: ",")
            var cells: [XLSXCell] = header.map { _ in .empty }
            cells[0] = .text("4.30521196003151E+17")
            for (i, value) in ["", "张大山", "男", "户主", id, "界岭镇", "大丰村", "", "柘溪水库", "现状"].enumerated() where i > 0 {
                cells[i] = .text(value)
            }
            let data = try XLSXWriter.data(sheets: [XLSXSheet(name: "名册", header: header, rows: [cells])])
            // when
            let report = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test").run(
                data: data, fileName: "numbers.xlsx")
            // then
            #expect(report.errors.map(\.code) == [.invalidID])
            #expect(report.errors.first?.message.contains("存成了数字") == true, "\(report.errors)")
            #expect(try await Person.query(on: app.db).count() == 0)
        }
    }

    @Test func missingColumnsAreAFileError() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            // when
            let report = try await importCSV(app, "身份证号,姓名\n\(Fixtures.id(1960, 11)),张\n")
            // then
            #expect(report.errors.count == 1)
            #expect(report.errors.first?.code == .fileError)
            #expect(report.errors.first?.message.contains("与户主关系") == true)
        }
    }

    @Test func uploadPageImportsAndShowsErrors() async throws {
        try await withTestApp { app in
            // given
            try await Fixtures.seed(app)
            let client = TestClient(app: app)
            try await client.login("admin")
            _ = try await client.get("/import/people")
            // when a bad file is uploaded (into the empty register: a first load)
            let bad = try await client.followJob(
                try await client.postMultipart(
                    "/import/people", fileField: "file", fileName: "bad.csv",
                    data: Data((Fixtures.header + "\n123,张,男,户主,123,界岭镇,大丰村,,柘溪水库,现状,,,,\n").utf8)))
            // then the job failed and its page lists the problems
            #expect(TestClient.jobFailed(bad))
            #expect(bad.body.string.contains("invalid_id"))
            let errors = try await client.get("/import/people/errors.csv")
            #expect(errors.body.string.contains("行,列,类别,说明,code"))
            // when a good one is
            _ = try await client.get("/import/people")
            let good = try await client.followJob(
                try await client.postMultipart(
                    "/import/people", fileField: "file", fileName: "good.csv", data: Data(Fixtures.registerCSV.utf8)))
            #expect(good.status == .ok)
            #expect(good.body.string.contains("新增 5 人"))
        }
    }
}
