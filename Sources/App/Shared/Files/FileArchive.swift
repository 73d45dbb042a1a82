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
        let inParts = data.count > partBytes
        let id = try await catalogue(
            data, sha256: sha, content: inParts ? Data() : data, fileName: fileName, purpose: purpose,
            direction: direction, actor: actor, on: db)
        if inParts {
            for (seq, start) in stride(from: 0, to: data.count, by: partBytes).enumerated() {
                let part = data.subdata(in: start..<min(start + partBytes, data.count))
                try await ArchivedFilePart(fileID: id, seq: seq, content: part).create(on: db)
                pages?.releasePages()
            }
        }
        return (id, sha)
    }

    /// `keep` for files the office adds to its archive by the thousand (photos, scans): the bytes
    /// go to `store` under the data directory, and the database holds the catalogue entry (name,
    /// purpose, who, SHA-256, size) with an empty content. The bytes are written first: a crash
    /// before the transaction commits leaves a file nothing refers to, never an entry without one.
    static func keep(
        _ data: Data, fileName: String, purpose: String, direction: String, actor: String, on db: any Database,
        in store: FileStore
    ) async throws -> (id: UUID, sha256: String) {
        let sha = Secrets.sha256Hex(data)
        try store.put(data, sha256: sha)
        let id = try await catalogue(
            data, sha256: sha, content: Data(), fileName: fileName, purpose: purpose, direction: direction,
            actor: actor, on: db)
        return (id, sha)
    }

    /// The file's entry: what it is, who, its SHA-256 and size, and `content` (the whole bytes,
    /// or empty when they are kept in parts or on disk).
    private static func catalogue(
        _ data: Data, sha256: String, content: Data, fileName: String, purpose: String, direction: String,
        actor: String, on db: any Database
    ) async throws -> UUID {
        let file = ArchivedFile()
        file.purpose = purpose
        file.direction = direction
        file.fileName = fileName
        file.sha256 = sha256
        file.size = data.count
        file.content = content
        file.actor = actor
        try await file.create(on: db)
        return try file.requireID()
    }

    /// The file's bytes as received or sent, from its parts when it was kept in parts, or from
    /// `store` when it was kept there.
    static func content(of file: ArchivedFile, on db: any Database, store: FileStore? = nil) async throws -> Data {
        guard file.content.count != file.size else { return file.content }
        let parts = try await ArchivedFilePart.query(on: db).filter(\.$fileID == file.requireID()).sort(\.$seq).all()
        if parts.isEmpty, let store {
            return try store.read(sha256: file.sha256, size: file.size, fileName: file.fileName)
        }
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
