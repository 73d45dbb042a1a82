import Fluent
import Foundation
import Vapor

/// A kind of training the province or city plans and funds, kept as data with its cost per
/// person (a setting per type: the 2022 figures by default). Short courses count person-times;
/// 中长期职业教育 is a yearly subsidy to a student, approved like a change to the register.
final class TrainingType: Model, @unchecked Sendable {
    static let schema = "training_types"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "cost_per_person_fen") var costPerPersonFen: Int64
    /// 中长期职业教育: students with a yearly subsidy, not classes.
    @Field(key: "long_term") var longTerm: Bool
    /// Counted in the person-times of short courses (农业实用技术, 短期就业技能…).
    @Field(key: "short_course") var shortCourse: Bool
    @Field(key: "sort_order") var sortOrder: Int

    init() {}

    init(name: String, costPerPersonFen: Int64, longTerm: Bool, shortCourse: Bool, sortOrder: Int) {
        self.name = name
        self.costPerPersonFen = costPerPersonFen
        self.longTerm = longTerm
        self.shortCourse = shortCourse
        self.sortOrder = sortOrder
    }
}

/// A year's plan for one type, as the province or city gave it: people and money.
final class TrainingPlan: Model, @unchecked Sendable {
    static let schema = "training_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "type_id") var typeID: UUID
    @Field(key: "document") var document: String
    @Field(key: "quota_people") var quotaPeople: Int
    @Field(key: "quota_fen") var quotaFen: Int64
    @Field(key: "created_by") var createdBy: String

    init() {}
}

/// A class of a type: provider, venue, dates, its places and sessions, and the cost per person
/// taken from the type when the class was opened.
final class TrainingClass: Model, @unchecked Sendable {
    static let schema = "training_classes"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "type_id") var typeID: UUID
    @Field(key: "name") var name: String
    @Field(key: "provider") var provider: String
    @Field(key: "venue") var venue: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "quota") var quota: Int
    @Field(key: "sessions") var sessions: Int
    @Field(key: "cost_per_person_fen") var costPerPersonFen: Int64
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A register person in a class: enrolment, sessions attended, completion with the
/// certificate, and work found afterwards.
final class TrainingEnrolment: Model, @unchecked Sendable {
    static let schema = "training_enrolments"

    @ID(key: .id) var id: UUID?
    @Field(key: "class_id") var classID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "id_number") var idNumber: String
    @Field(key: "name") var name: String
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "enrolled_on") var enrolledOn: String
    @Field(key: "attended") var attended: Int
    @OptionalField(key: "completed_on") var completedOn: String?
    @OptionalField(key: "certificate") var certificate: String?
    @OptionalField(key: "employer") var employer: String?
    @OptionalField(key: "income_band") var incomeBand: String?
    @Field(key: "enrolled_by") var enrolledBy: String

    init() {}
}

/// 中长期职业教育: a student's yearly subsidy, from the village notice through the township's
/// review to the county's approval, with three different people as for a register change.
final class EducationSubsidy: Model, @unchecked Sendable {
    static let schema = "education_subsidies"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "person_id") var personID: UUID
    @Field(key: "id_number") var idNumber: String
    @Field(key: "name") var name: String
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "school") var school: String
    @Field(key: "study_year") var studyYear: Int
    @Field(key: "amount_fen") var amountFen: Int64
    @Field(key: "notice_start") var noticeStart: String
    @Field(key: "notice_end") var noticeEnd: String
    @Field(key: "status") var status: String
    @Field(key: "submitted_by") var submittedBy: String
    @OptionalField(key: "reviewed_by") var reviewedBy: String?
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_on") var decidedOn: String?
    @OptionalField(key: "opinion") var opinion: String?

    init() {}
}

/// One session a trainee attended.
final class TrainingAttendance: Model, @unchecked Sendable {
    static let schema = "training_attendance"

    @ID(key: .id) var id: UUID?
    @Field(key: "enrolment_id") var enrolmentID: UUID
    @Field(key: "session") var session: Int
    @Field(key: "recorded_by") var recordedBy: String

    init() {}

    init(enrolmentID: UUID, session: Int, recordedBy: String) {
        self.enrolmentID = enrolmentID
        self.session = session
        self.recordedBy = recordedBy
    }
}
