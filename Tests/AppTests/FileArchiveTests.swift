import Fluent
import Foundation
import Testing

@testable import App

/// The archive keeps every file byte for byte; a large one in parts written one by one.
@Suite("File archive")
struct FileArchiveTests {
    @Test func aLargeFileIsKeptInPartsAndComesBackWhole() async throws {
        try await withTestApp { app in
            // given two parts and a little more, with bytes that differ from part to part
            var generator = SystemRandomNumberGenerator()
            let size = 2 * FileArchive.partBytes + 3
            let data = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
            // when
            let (id, sha) = try await FileArchive.keep(
                data, fileName: "名册.csv", purpose: "register_import", direction: "in", actor: "test", on: app.db)
            // then
            #expect(sha == Secrets.sha256Hex(data))
            let file = try #require(try await ArchivedFile.find(id, on: app.db))
            #expect(file.size == size)
            #expect(file.content.isEmpty)
            let parts = try await ArchivedFilePart.query(on: app.db).filter(\.$fileID == id).sort(\.$seq).all()
            #expect(parts.map(\.content.count) == [FileArchive.partBytes, FileArchive.partBytes, 3])
            #expect(try await FileArchive.content(of: file, on: app.db) == data)
        }
    }

    @Test func aSmallFileStaysInOneRowAndAPartMissingIsSaid() async throws {
        try await withTestApp { app in
            // given
            let small = Data("身份证号,姓名\n".utf8)
            let (id, _) = try await FileArchive.keep(
                small, fileName: "小.csv", purpose: "register_import", direction: "in", actor: "test", on: app.db)
            // then
            let file = try #require(try await ArchivedFile.find(id, on: app.db))
            #expect(file.content == small)
            #expect(try await ArchivedFilePart.query(on: app.db).count() == 0)
            #expect(try await FileArchive.content(of: file, on: app.db) == small)
            // when a large file's part is lost, reading it says so rather than giving a short file
            let large = Data(repeating: 0x41, count: FileArchive.partBytes + 1)
            let (largeID, _) = try await FileArchive.keep(
                large, fileName: "大.csv", purpose: "register_import", direction: "in", actor: "test", on: app.db)
            try await ArchivedFilePart.query(on: app.db).filter(\.$fileID == largeID).filter(\.$seq == 1).delete()
            let damaged = try #require(try await ArchivedFile.find(largeID, on: app.db))
            await #expect(throws: ResettleError.self) { try await FileArchive.content(of: damaged, on: app.db) }
        }
    }
}
