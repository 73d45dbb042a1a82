import Fluent
import Foundation
import SQLKit

/// Stores received and sent files unchanged, append-only, with their SHA-256.
enum FileArchive {
    @discardableResult
    static func store(
        _ data: Data, fileName: String, purpose: String, direction: String, actor: String, on db: any Database
    ) async throws -> String {
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
        return sha
    }

    static func exists(sha256: String, purpose: String, on db: any Database) async throws -> Bool {
        try await ArchivedFile.query(on: db).filter(\.$sha256 == sha256).filter(\.$purpose == purpose).count() > 0
    }
}
