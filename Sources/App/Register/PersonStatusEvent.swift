import Fluent
import Vapor

/// A person's status from a period on. Rows are only ever added: the register's history is
/// the list of these, in order.
final class PersonStatusEvent: Model, @unchecked Sendable {
    static let schema = "person_status_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "township_code") var townshipCode: String
    @Field(key: "status") var status: String
    /// The first day the status applies (the start of `effectivePeriod`).
    @Field(key: "effective_from") var effectiveFrom: String
    @Field(key: "effective_period") var effectivePeriod: String
    @OptionalField(key: "change_request_id") var changeRequestID: UUID?
    /// The day the event behind it happened, when earlier than `effectiveFrom` matters: the
    /// periods after that day were not due (see `PersonTimelines.dueTimeline`).
    @OptionalField(key: "event_date") var eventDate: String?
    @Field(key: "note") var note: String
    @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?

    init() {}
}
