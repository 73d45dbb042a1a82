import Fluent
import Vapor

/// Uploading a file to a project's archive, and reading it back. A file is served only to
/// someone who may read its project: another township's attachment answers 404.
struct ProjectAttachmentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(ProjectRoutes.attach, use: attach)
        routes.on(ProjectRoutes.attachment, use: attachment)
    }

    @Sendable func attach(req: Request) async throws -> Response {
        let user = try req.requireUser(in: FundsAccess.townshipSteps)
        let project = try await FundsAccess.project(req)
        let upload = try await StreamedUpload.read(req, maxBytes: AttachmentType.maxBytes)
        guard let document = ProjectDocument(rawValue: upload.fields["document"] ?? "") else {
            throw ResettleError.invalidField("请选择档案类别", field: "document")
        }
        var stepID: UUID?
        if let step = upload.fields["step"], !step.isEmpty {
            guard let id = UUID(uuidString: step) else {
                throw ResettleError.invalidField("所选步骤不是本项目的办理记录", field: "step")
            }
            stepID = id
        }
        let added = try await ProjectAttachments(
            db: req.db, gate: req.application.writeGate, store: req.application.fileStore, user: user
        ).add(
            try upload.data(), fileName: upload.fileName, document: document, projectID: project.requireID(),
            stepID: stepID)
        req.setFlash("已存档“\(added.fileName)”（\(document.chinese)）")
        return req.redirect(to: ProjectRoutes.show(project.id!))
    }

    @Sendable func attachment(req: Request) async throws -> Response {
        try req.requireUser(in: FundsAccess.read)
        let project = try await FundsAccess.project(req)
        guard let id = req.parameters.get("attachmentID", as: UUID.self),
            let attachment = try await ProjectAttachment.find(id, on: req.db), attachment.projectID == project.id,
            let file = try await ArchivedFile.find(attachment.fileID, on: req.db)
        else { throw ResettleError.notFound }
        let response = download(
            try await FileArchive.content(of: file, on: req.db, store: req.application.fileStore),
            name: attachment.fileName, type: attachment.contentType
        )
        response.headers.replaceOrAdd(name: "X-Content-SHA256", value: attachment.sha256)
        return response
    }
}
