import Fluent
import Foundation
import Vapor

/// A person on a petition: a petitioner, a representative a group chose (at most five), or an
/// agent with their authorisation. Linked to the register when their ID is a resettler's.
final class Petitioner: Model, @unchecked Sendable {
    static let schema = "petitioners"

    @ID(key: .id) var id: UUID?
    @Field(key: "petition_id") var petitionID: UUID
    @Field(key: "role") var role: String
    @Field(key: "name") var name: String
    @OptionalField(key: "id_number") var idNumber: String?
    @Field(key: "address") var address: String
    @Field(key: "phone") var phone: String
    /// For an agent: the authorisation (委托书) they hold.
    @OptionalField(key: "authorisation") var authorisation: String?
    @OptionalField(key: "person_id") var personID: UUID?

    init() {}

    init(
        petitionID: UUID, role: PetitionerRole, name: String, idNumber: String?, address: String, phone: String,
        authorisation: String?, personID: UUID?
    ) {
        self.petitionID = petitionID
        self.role = role.rawValue
        self.name = name
        self.idNumber = idNumber
        self.address = address
        self.phone = phone
        self.authorisation = authorisation
        self.personID = personID
    }

    var roleValue: PetitionerRole { PetitionerRole(rawValue: role) ?? .petitioner }
}

enum PetitionerRole: String, Codable, Sendable, CaseIterable {
    case petitioner, representative, agent

    var chinese: String {
        switch self {
        case .petitioner: return "信访人"
        case .representative: return "代表"
        case .agent: return "代理人"
        }
    }
}

/// One line of a petition's timeline: each step, note and site visit, by whom and on which day.
final class PetitionEvent: Model, @unchecked Sendable {
    static let schema = "petition_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "petition_id") var petitionID: UUID
    @Field(key: "day") var day: String
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    @Field(key: "actor") var actor: String
    @OptionalField(key: "file_id") var fileID: UUID?
    @OptionalField(key: "file_name") var fileName: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(petitionID: UUID, day: String, kind: PetitionEventKind, text: String, actor: String) {
        self.petitionID = petitionID
        self.day = day
        self.kind = kind.rawValue
        self.text = text
        self.actor = actor
    }

    var kindValue: PetitionEventKind { PetitionEventKind(rawValue: kind) ?? .note }
}

enum PetitionEventKind: String, Codable, Sendable, CaseIterable {
    case registered, decided, objected, assigned, note, siteVisit, evidence, extended, replied, satisfaction
    case reviewRequested, hearing, reviewAnswered, rereviewRequested, rereviewAnswered

    var chinese: String {
        switch self {
        case .registered: return "登记"
        case .decided: return "受理告知"
        case .objected: return "提出异议"
        case .assigned: return "交办"
        case .note: return "办理记录"
        case .siteVisit: return "实地调查"
        case .evidence: return "证据材料"
        case .extended: return "延期"
        case .replied: return "出具处理意见"
        case .satisfaction: return "满意度评价"
        case .reviewRequested: return "申请复查"
        case .hearing: return "听证"
        case .reviewAnswered: return "复查答复"
        case .rereviewRequested: return "申请复核"
        case .rereviewAnswered: return "复核答复"
        }
    }
}
