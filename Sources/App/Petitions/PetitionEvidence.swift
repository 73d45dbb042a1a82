import Fluent
import Foundation
import ResettleCore
import Vapor

/// Evidence on a petition (photos, scans, PDF letters), kept in the file archive under the same
/// rules as a project's files: the type from the bytes, a size limit, the township re-checked
/// inside the write. Each file is a line of the timeline.
struct PetitionEvidence: Sendable {
    let db: any Database
    let gate: WriteGate
    let store: FileStore
    let user: User
    let today: CivilDate

    private struct Record: Codable, Sendable {
        var fileName: String
        var sha256: String
        var size: Int
    }

    /// Returns the file's name as kept.
    func add(_ data: Data, fileName: String, note: String, petitionID: UUID) async throws -> String {
        guard PetitionAccess.handle.contains(user.roleValue) else { throw ResettleError.forbidden }
        guard !data.isEmpty else { throw ResettleError.invalidField("“\(fileName)”是空文件", field: "file") }
        guard data.count <= AttachmentType.maxBytes else {
            throw ResettleError.invalidField(
                "“\(fileName)”有\(data.count / 1_048_576) MB，证据材料不能超过\(AttachmentType.maxBytes / 1_048_576) MB",
                field: "file")
        }
        guard AttachmentType(sniffing: data) != nil else {
            throw ResettleError.invalidField("“\(fileName)”不是照片（JPG、PNG）或PDF文件；证据材料只收照片、扫描件和PDF", field: "file")
        }
        let scope = AccessScope(user: user)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await gate.write(on: db) { tx, audit in
            guard let p = try await Petition.find(petitionID, on: tx), scope.allows(townshipCode: p.townshipCode)
            else { throw ResettleError.notFound }
            let kept = try await FileArchive.keep(
                data, fileName: fileName, purpose: "petition_evidence", direction: "received", actor: user.username,
                on: tx, in: store)
            let event = PetitionEvent(
                petitionID: petitionID, day: today.iso, kind: .evidence, text: note.isEmpty ? fileName : note,
                actor: user.username)
            event.fileID = kept.id
            event.fileName = fileName
            try await event.create(on: tx)
            audit.record(
                actor: user.username, action: "petition.evidence", entity: "petition", entityID: p.number,
                townshipCode: p.townshipCode, before: nil,
                after: Record(fileName: p.restricted ? "" : fileName, sha256: kept.sha256, size: data.count))
            return fileName
        }
    }
}
