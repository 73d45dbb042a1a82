import Fluent
import Foundation
import ResettleCore
import ResettleOffice
import Testing
import Vapor

@testable import App

/// A refused register file comes back as the user's own file with a 错误说明 column, in its own
/// format and encoding, from a stable address only the upload's scope may open.
@Suite("Import: the refused file with its errors", .serialized)
struct ImportAnnotatedCopyTests {
    static let head = Fixtures.id(1960, 11)
    static let other = Fixtures.id(1975, 51)

    /// A title row, the header, a head whose own ID has a wrong check digit (the members give
    /// the right one), two members, a blank row, and a household without errors.
    static var rows: [[String]] {
        let wrongCheck = String(head.dropLast()) + (head.last == "1" ? "2" : "1")
        return [
            ["界岭镇移民名册（2026年）"],
            Fixtures.header.components(separatedBy: ","),
            [wrongCheck, "张大山", "男", "户主", head, "界岭镇", "大丰村", "3", "柘溪水库", "现状", "", "", "", ""],
            [Fixtures.id(1990, 12), "张小红", "女", "子女", head, "界岭镇", "大丰村", "3", "柘溪水库", "现状", "", "", "", ""],
            [
                Fixtures.id(1990, 23), "张小明", "男", "子女", head, "界岭镇", "大丰村", "3", "柘溪水库", "现状", "", "", "",
                "13800000001",
            ],
            [],
            [other, "刘火生", "男", "户主", other, "火厂坪镇", "新华村", "1", "柘溪水库", "现状", "", "", "", ""],
        ]
    }

    /// The columns of the register plus the added one, to read a copy back through the front door.
    static let columns =
        RegisterColumns.all + [ColumnSpec(key: "note", names: [ImportRefusals.noteColumn], required: false)]

    private func upload(_ client: TestClient, name: String, data: Data) async throws -> (
        page: String, annotated: String, errors: String
    ) {
        _ = try await client.get("/import/people")
        let response = try await client.followJob(
            try await client.postMultipart("/import/people", fileField: "file", fileName: name, data: data))
        #expect(TestClient.jobFailed(response))
        let page = response.body.string
        let annotated = try #require(Self.href(of: "annotated-file", in: page), "no link to the annotated file")
        let errors = try #require(Self.href(of: "error-list", in: page))
        return (page, annotated, errors)
    }

    static func href(of id: String, in html: String) -> String? {
        guard let tag = html.range(of: "id=\"\(id)\"") else { return nil }
        let start = html[..<tag.lowerBound].range(of: "<a ", options: .backwards)?.lowerBound ?? tag.lowerBound
        let element = html[start...].prefix { $0 != ">" }
        guard let href = element.range(of: "href=\"") else { return nil }
        return String(element[href.upperBound...].prefix { $0 != "\"" })
    }

    /// What the copy must hold: each data row's original cells and its errors.
    private func expectCopy(_ copy: Data, fileName: String) throws {
        let table = try TableReader.read(copy, fileName: fileName, columns: Self.columns)
        #expect(table.headerRowNumber == 2)
        let original = Self.rows
        #expect(table.rows.map(\.rowNumber) == [3, 4, 5, 7])
        let note = try #require(table.index(of: "note"))
        for row in table.rows {
            #expect(Array(row.cells[..<note]) == Self.padded(original[row.rowNumber - 1]), "row \(row.rowNumber)")
        }
        let notes = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.rowNumber, $0[note]) })
        #expect(notes[3]?.hasPrefix("身份证号校验位错误") == true, "\(notes[3] ?? "")")
        #expect(notes[3]?.contains("；") == false, "the head's row has one error")
        #expect(notes[4] == "户主所在第3行有错误，改正该行后本行可导入")
        #expect(notes[5] == "户主所在第3行有错误，改正该行后本行可导入")
        #expect(notes[7] == "", "a row without errors leaves the column empty")
        #expect(!notes.values.contains { $0.contains("既不在本文件中") })
    }

    static func padded(_ cells: [String]) -> [String] { cells + Array(repeating: "", count: max(0, 14 - cells.count)) }

    @Test func anXLSXComesBackAsXLSXWithTheTitleRowAndANoteOnEveryWrongRow() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let writer = XLSXStreamWriter()
            try writer.beginSheet(name: "名册", header: [])
            for (index, row) in Self.rows.enumerated() {
                try writer.appendRow(row.map { $0.isEmpty ? .empty : .text($0) }, number: index + 1)
            }
            let data = try #require(try writer.finish())
            let importer = TestClient(app: app)
            try await importer.login("admin")
            let links = try await upload(importer, name: "界岭名册.xlsx", data: data)
            #expect(links.page.contains("界岭名册-错误说明.xlsx"))

            let response = try await importer.get(links.annotated)
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            let disposition = response.headers.first(name: .contentDisposition) ?? ""
            #expect(
                disposition.contains("界岭名册-错误说明.xlsx".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
            let copy = Data(response.body.readableBytesView)
            try expectCopy(copy, fileName: "copy.xlsx")
            let raw = try XLSXReader(data: copy).rows()
            #expect(raw.first?.number == 1 && raw.first?.cells == ["界岭镇移民名册（2026年）"], "the title row stays")
            #expect(raw.first { $0.number == 2 }?.cells.last == ImportRefusals.noteColumn)
            #expect(!raw.contains { $0.number == 6 && $0.cells.contains { !$0.isEmpty } }, "the blank row stays blank")
        }
    }

    @Test(arguments: [(TextEncoding.gb18030, "gb18030"), (.utf8BOM, "utf-8")])
    func aCSVComesBackInItsOwnEncoding(encoding: TextEncoding, charset: String) async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let importer = TestClient(app: app)
            try await importer.login("admin")
            let links = try await upload(
                importer, name: "名册.csv", data: CSVWriter.data(rows: Self.rows, encoding: encoding))
            #expect(links.page.contains("名册-错误说明.csv"))
            let response = try await importer.get(links.annotated)
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType) == "text/csv; charset=\(charset)")
            let copy = Data(response.body.readableBytesView)
            #expect(try TextDecoding.decode(copy).1 == encoding)
            if encoding == .gb18030 { #expect(String(data: copy, encoding: .utf8) == nil, "GBK bytes, not UTF-8") }
            if encoding == .utf8BOM { #expect(copy.starts(with: [0xEF, 0xBB, 0xBF])) }
            try expectCopy(copy, fileName: "copy.csv")
            #expect(
                try CSVReader.read(copy).records.first?.fields == ["界岭镇移民名册（2026年）"],
                "the title row comes back as it was")
        }
    }

    @Test func theFilesAreKeptUnderTheUploadsIDAndOnlyItsScopeMayOpenThem() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let importer = TestClient(app: app)
            try await importer.login("admin")
            let links = try await upload(
                importer, name: "名册.csv", data: CSVWriter.data(rows: Self.rows, encoding: .utf8BOM))
            let refusal = try #require(try await ImportRefusal.query(on: app.db).first())
            let id = try refusal.requireID()
            #expect(
                links.annotated == ImportRefusals.annotatedPath(id) && links.errors == ImportRefusals.errorsPath(id))
            let archived = try #require(try await ArchivedFile.find(id, on: app.db))
            #expect(archived.content == CSVWriter.data(rows: Self.rows, encoding: .utf8BOM))
            #expect(try await Person.query(on: app.db).count() == 0, "a refused file writes nothing of the register")

            // Another importer user, in another session, later: the same addresses work.
            let admin = TestClient(app: app)
            try await admin.login("admin")
            #expect(try await admin.get(links.annotated).status == .ok)
            let list = try await admin.get(links.errors)
            #expect(list.status == .ok && list.body.string.contains("户主行有错误"))
            // Township users: as if it did not exist.
            for township in ["jieling", "huochang"] {
                let user = TestClient(app: app)
                try await user.login(township)
                #expect(try await user.get(links.annotated).status == .notFound, Comment(rawValue: township))
                #expect(try await user.get(links.errors).status == .notFound, Comment(rawValue: township))
            }
            // County-wide roles that may not import: refused as the import page refuses them.
            let leader = TestClient(app: app)
            try await leader.login("leader")
            #expect(try await leader.get(links.annotated).status == .forbidden)
            // An id that is not a refused upload.
            #expect(try await importer.get(ImportRefusals.annotatedPath(UUID())).status == .notFound)
        }
    }

    @Test func aFileThatCannotBeReadAsATableHasAnErrorListButNoCopy() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let importer = TestClient(app: app)
            try await importer.login("admin")
            _ = try await importer.get("/import/people")
            let page = try await importer.followJob(
                try await importer.postMultipart(
                    "/import/people", fileField: "file", fileName: "缺列.csv",
                    data: Data("身份证号,姓名\n\(Self.head),张\n".utf8))
            ).body.string
            #expect(Self.href(of: "annotated-file", in: page) == nil)
            let errors = try #require(Self.href(of: "error-list", in: page))
            let list = try await importer.get(errors)
            #expect(list.status == .ok && list.body.string.contains("文件有误"))
        }
    }
}
