import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Bulk register load")
struct BulkRegisterLoadTests {
    @Test func largeFirstImportRebuildsIndexesAndKeepsForeignKeys() async throws {
        try await withTestApp { app in
            // given: a file large enough for the bulk path (indexes and, on PostgreSQL, foreign keys
            // taken off during the load and put back inside the same transaction)
            try await DemoLoader.importRegions(app: app)
            let dataSet = DemoDataSet(people: 20_500)
            let csv = Data(dataSet.peopleCSV(dataSet.rows()).utf8)
            // when
            let report = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test").run(
                data: csv, fileName: "bulk.csv")
            // then
            #expect(report.succeeded, "\(report.errors.prefix(3))")
            #expect(try await Person.query(on: app.db).count() == report.peopleWritten)
            let sql = app.db as! any SQLDatabase
            struct Name: Decodable { let name: String }
            let indexes: [String]
            if sql.dialect.name == "sqlite" {
                indexes = try await sql.raw(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people'"
                ).all(decoding: Name.self).map(\.name)
            } else {
                indexes = try await sql.raw(
                    "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'people' AND schemaname = current_schema()"
                ).all(decoding: Name.self).map(\.name)
                let keys = try await sql.raw(
                    "SELECT conname AS name FROM pg_constraint WHERE conrelid = 'people'::regclass AND contype = 'f'"
                ).all(decoding: Name.self)
                #expect(keys.count == 4)
            }
            for index in PeopleIndexes.all {
                #expect(indexes.contains(index.name), "\(index.name) missing after the bulk load")
            }
            // and a reference the load could not check row by row is still enforced afterwards
            await #expect(throws: (any Error).self) {
                try await sql.raw(
                    "UPDATE people SET township_code = '999999999' WHERE id_number = \(bind: dataSet.rows()[0].idNumber)"
                ).run()
            }
        }
    }

    @Test func duplicateAcrossTheHalvesOfALargeFileIsFound() async throws {
        try await withTestApp { app in
            // given: a file large enough to be checked in two halves, whose last row repeats the first ID
            try await DemoLoader.importRegions(app: app)
            let dataSet = DemoDataSet(people: 40_100)
            var rows = dataSet.rows()
            var copy = rows[0]
            copy.fields[1] = "重复者"
            rows.append(copy)
            let csv = Data(dataSet.peopleCSV(rows).utf8)
            // when
            let report = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test").run(
                data: csv, fileName: "large.csv")
            // then
            #expect(report.errors.count == 1)
            #expect(report.errors.first?.code == .duplicateIDInFile)
            #expect(report.errors.first?.row == rows.count + 1)
            #expect(report.errors.first?.message.contains("与第2行重复") == true)
            #expect(try await Person.query(on: app.db).count() == 0)
        }
    }

    @Test func aFileOfSeveralBatchesIsCheckedAsIfInOnePass() async throws {
        try await withTestApp { app in
            // given: more rows than one batch, so that the rows are read, checked and dropped in
            // parts; a duplicate of the first row in the last batch
            try await DemoLoader.importRegions(app: app)
            let dataSet = DemoDataSet(people: RegisterImporter.batchRows + 100)
            var rows = dataSet.rows()
            var copy = rows[0]
            copy.fields[1] = "重复者"
            rows.append(copy)
            // when
            let refused = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test")
                .run(data: Data(dataSet.peopleCSV(rows).utf8), fileName: "batches.csv")
            // then: found across the batches, and nothing else is wrong (households whose head
            // and members fall in different batches are planned once every row is checked)
            #expect(refused.rowCount == rows.count)
            #expect(refused.errors.map(\.code) == [.duplicateIDInFile])
            #expect(refused.errors.first?.row == rows.count + 1)
            #expect(refused.errors.first?.message.contains("与第2行重复") == true)
            // when: the same file without the duplicate
            rows.removeLast()
            let report = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test")
                .run(data: Data(dataSet.peopleCSV(rows).utf8), fileName: "batches.csv")
            // then
            #expect(report.succeeded, "\(report.errors.prefix(3))")
            #expect(try await Person.query(on: app.db).count() == rows.count)
            #expect(try await Household.query(on: app.db).count() == report.householdsWritten)
        }
    }
}
