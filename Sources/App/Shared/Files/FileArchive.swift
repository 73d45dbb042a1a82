import Fluent
import Foundation
import SQLKit

/// Stores received and sent files unchanged, append-only, with their SHA-256.
///
/// A file larger than `partBytes` is kept in parts of that size (`ArchivedFilePart`), written one
/// after the other: as one value a 150 MB register would be copied three times at once (the
/// model's value, the driver's buffer and the database's bind), which was most of a million-row
/// import's peak memory. `content(of:)` gives the file back whole either way.
enum FileArchive {
    static let partBytes = 4 * 1024 * 1024

    @discardableResult
    static func store(
        _ data: Data, fileName: String, purpose: String, direction: String, actor: String, on db: any Database,
        pages: MappedFile? = nil
    ) async throws -> String {
        try await keep(
            data, fileName: fileName, purpose: purpose, direction: direction, actor: actor, on: db, pages: pages
        ).sha256
    }

    /// `store` for callers that refer to the file later by its id.
    /// `pages`: the mapped file `data` comes from, handed back after each part is written.
    static func keep(
        _ data: Data, fileName: String, purpose: String, direction: String, actor: String, on db: any Database,
        pages: MappedFile? = nil
    ) async throws -> (id: UUID, sha256: String) {
        let sha = Secrets.sha256Hex(data)
        let file = ArchivedFile()
        file.purpose = purpose
        file.direction = direction
        file.fileName = fileName
        file.sha256 = sha
        file.size = data.count
        let inParts = data.count > partBytes
        file.content = inParts ? Data() : data
        file.actor = actor
        try await file.create(on: db)
        let id = try file.requireID()
        if inParts {
            for (seq, start) in stride(from: 0, to: data.count, by: partBytes).enumerated() {
                let part = data.subdata(in: start..<min(start + partBytes, data.count))
                try await ArchivedFilePart(fileID: id, seq: seq, content: part).create(on: db)
                pages?.releasePages()
            }
        }
        return (id, sha)
    }

    /// The file's bytes as received or sent, from its parts when it was kept in parts.
    static func content(of file: ArchivedFile, on db: any Database) async throws -> Data {
        guard file.content.count != file.size else { return file.content }
        let parts = try await ArchivedFilePart.query(on: db).filter(\.$fileID == file.requireID()).sort(\.$seq).all()
        var data = Data(capacity: file.size)
        for part in parts { data.append(part.content) }
        guard data.count == file.size else {
            throw ResettleError.conflict("存档文件“\(file.fileName)”不完整（应为 \(file.size) 字节，存有 \(data.count) 字节）")
        }
        return data
    }

    static func exists(sha256: String, purpose: String, on db: any Database) async throws -> Bool {
        try await ArchivedFile.query(on: db).filter(\.$sha256 == sha256).filter(\.$purpose == purpose).count() > 0
    }
}
