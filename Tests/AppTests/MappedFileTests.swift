import Foundation
import Testing

@testable import App

/// A mapped file's pages handed back while it is read: the bytes read afterwards are the same.
@Suite("Mapped file")
struct MappedFileTests {
    @Test func pagesHandedBackComeBackUnchanged() throws {
        // given a file of several pages with bytes that differ from page to page
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        let count = 5 * 4096 + 123
        let bytes = Data((0..<count).map { (i: Int) -> UInt8 in UInt8(truncatingIfNeeded: i &* 31 &+ i / 4096) })
        try bytes.write(to: url)
        let file = try MappedFile(url)
        // when it is read, its pages released, and read again
        #expect(file.data == bytes)
        file.releasePages()
        // then
        #expect(file.data == bytes)
        #expect(Secrets.sha256Hex(file.data) == Secrets.sha256Hex(bytes))
    }

    @Test func anEmptyFileIsEmptyAndAMissingOneIsAnError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data().write(to: url)
        let empty = try MappedFile(url)
        empty.releasePages()
        #expect(empty.data.isEmpty)
        #expect(throws: (any Error).self) { try MappedFile(url.appendingPathExtension("missing")) }
    }
}
