import Fluent
import Vapor

/// A file in a project's archive: which document of the checklist it is, and the archived
/// bytes (`ArchivedFile`, with their SHA-256). Attachments are added, never replaced: a better
/// scan is a second file of the same document.
final class ProjectAttachment: Model, @unchecked Sendable {
    static let schema = "project_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "document") var document: String
    /// The recorded step the file belongs to, if any.
    @OptionalField(key: "step_id") var stepID: UUID?
    @Field(key: "file_id") var fileID: UUID
    @Field(key: "file_name") var fileName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int
    @Field(key: "uploaded_by") var uploadedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        projectID: UUID, document: ProjectDocument, stepID: UUID?, fileID: UUID, fileName: String, type: AttachmentType,
        sha256: String, size: Int, uploadedBy: String
    ) {
        self.projectID = projectID
        self.document = document.rawValue
        self.stepID = stepID
        self.fileID = fileID
        self.fileName = fileName
        contentType = type.rawValue
        self.sha256 = sha256
        self.size = size
        self.uploadedBy = uploadedBy
    }

    var documentValue: ProjectDocument? { ProjectDocument(rawValue: document) }
}
