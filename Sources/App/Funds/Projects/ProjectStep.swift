import Fluent
import Vapor

/// One step of a project's life as recorded: which step, who, on which day, the opinion, the
/// stage it led to, and what the step's form carried (meeting attendance, notice dates, the
/// plan's document number, the contract…) as labelled facts. Steps are only ever added.
final class ProjectStep: Model, @unchecked Sendable {
    static let schema = "project_steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "stage_after") var stageAfter: String
    @Field(key: "actor") var actor: String
    @Field(key: "acted_on") var actedOn: String
    @Field(key: "opinion") var opinion: String
    /// `[["label", "value"], …]` as JSON, in the order the form shows them.
    @Field(key: "facts_json") var factsJSON: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        projectID: UUID, kind: String, stageAfter: String, actor: String, actedOn: String, opinion: String,
        facts: [ProjectFact]
    ) {
        self.projectID = projectID
        self.kind = kind
        self.stageAfter = stageAfter
        self.actor = actor
        self.actedOn = actedOn
        self.opinion = opinion
        factsJSON = ProjectFact.encode(facts)
    }

    var facts: [ProjectFact] { ProjectFact.decode(factsJSON) }
}

/// A labelled fact of a step ("参会人数", "45").
struct ProjectFact: Sendable, Codable, Equatable {
    var label: String
    var value: String

    static func encode(_ facts: [ProjectFact]) -> String {
        let pairs = facts.map { [$0.label, $0.value] }
        return (try? String(decoding: JSONEncoder().encode(pairs), as: UTF8.self)) ?? "[]"
    }

    static func decode(_ json: String) -> [ProjectFact] {
        let pairs = (try? JSONDecoder().decode([[String]].self, from: Data(json.utf8))) ?? []
        return pairs.compactMap { $0.count == 2 ? ProjectFact(label: $0[0], value: $0[1]) : nil }
    }
}
