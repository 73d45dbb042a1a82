import Fluent
import Foundation
import Vapor

/// Adds files to a project's archive. The type is taken from the bytes (photos and PDF only),
/// the size is limited, and the project is re-read inside the write and checked against the
/// uploader's township, as every write is.
struct ProjectAttachments: Sendable {
    let db: any Database
    let gate: WriteGate
    let store: FileStore
    let user: User

    struct Record: Codable, Sendable {
        var document: String
        var step: String?
        var fileName: String
        var sha256: String
        var size: Int
    }

    /// `stepID`: the recorded step of this project the file belongs to (its photos, its minutes).
    func add(_ data: Data, fileName: String, document: ProjectDocument, projectID: UUID, stepID: UUID? = nil)
        async throws
        -> ProjectAttachment
    {
        guard FundsAccess.townshipSteps.contains(user.roleValue) else { throw ResettleError.forbidden }
        guard !data.isEmpty else { throw ResettleError.invalidField("“\(fileName)”是空文件", field: "file") }
        guard data.count <= AttachmentType.maxBytes else {
            throw ResettleError.invalidField(
                "“\(fileName)”有\(data.count / 1_048_576) MB，附件不能超过\(AttachmentType.maxBytes / 1_048_576) MB",
                field: "file")
        }
        guard let type = AttachmentType(sniffing: data) else {
            throw ResettleError.invalidField("“\(fileName)”不是照片（JPG、PNG）或PDF文件；项目档案只收照片、扫描件和PDF", field: "file")
        }
        let scope = AccessScope(user: user)
        return try await gate.write(on: db) { tx, audit in
            guard let project = try await Project.find(projectID, on: tx),
                scope.allows(townshipCode: project.townshipCode)
            else { throw ResettleError.notFound }
            var step: ProjectStep?
            if let stepID {
                step = try await ProjectStep.find(stepID, on: tx)
                guard step?.projectID == projectID else {
                    throw ResettleError.invalidField("所选步骤不是本项目的办理记录", field: "step")
                }
            }
            let kept = try await FileArchive.keep(
                data, fileName: fileName, purpose: "project_attachment", direction: "received", actor: user.username,
                on: tx, in: store)
            let attachment = ProjectAttachment(
                projectID: projectID, document: document, stepID: stepID, fileID: kept.id, fileName: fileName,
                type: type,
                sha256: kept.sha256, size: data.count, uploadedBy: user.username)
            try await attachment.create(on: tx)
            audit.record(
                actor: user.username, action: "project.attach", entity: "project", entityID: project.code,
                townshipCode: project.townshipCode, before: nil,
                after: Record(
                    document: document.rawValue, step: step.map { "\($0.actedOn) \($0.kind)" }, fileName: fileName,
                    sha256: kept.sha256, size: data.count))
            return attachment
        }
    }
}
