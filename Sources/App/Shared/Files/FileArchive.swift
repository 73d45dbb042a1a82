import Fluent
import Foundation
import SQLKit

/// Stores received and sent files unchanged, append-only, with their SHA-256.
enum FileArchive {
    @discardableResult
    static func store(
        _ data: Data, fileName: String, purpose: String, direction: String, actor: String, on db: any Database
    ) async throws -> String {
        try await keep(data, fileName: fileName, purpose: purpose, direction: direction, actor: actor, on: db).sha256
    }

    /// `store` for callers that refer to the file later by its id.
    static func keep(
        _ data: Data, fileName: String, purpose: String, direction: String, actor: String, on db: any Database
    ) async throws -> (id: UUID, sha256: String) {
        let sha = Secrets.sha256Hex(data)
        let file = ArchivedFile()
        file.purpose = purpose
        file.direction = direction
        file.fileName = fileName
        file.sha256 = sha
        file.size = data.count
        file.content = data
        file.actor = actor
        try await file.create(on: db)
        return (try file.requireID(), sha)
    }

    static func exists(sha256: String, purpose: String, on db: any Database) async throws -> Bool {
        try await ArchivedFile.query(on: db).filter(\.$sha256 == sha256).filter(\.$purpose == purpose).count() > 0
    }
}
