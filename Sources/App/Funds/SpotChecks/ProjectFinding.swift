import Fluent
import Vapor

/// A problem the county's spot-check found on a project. While it is open the project cannot be
/// paid; resolving it records who, when and how, and keeps the finding.
final class ProjectFinding: Model, @unchecked Sendable {
    static let schema = "project_findings"

    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "text") var text: String
    @Field(key: "raised_by") var raisedBy: String
    @Field(key: "raised_on") var raisedOn: String
    @OptionalField(key: "resolved_by") var resolvedBy: String?
    @OptionalField(key: "resolved_on") var resolvedOn: String?
    @OptionalField(key: "resolution") var resolution: String?

    init() {}

    init(projectID: UUID, text: String, raisedBy: String, raisedOn: String) {
        self.projectID = projectID
        self.text = text
        self.raisedBy = raisedBy
        self.raisedOn = raisedOn
    }

    var isOpen: Bool { resolvedOn == nil }
}
