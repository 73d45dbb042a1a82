import OpenAPIKit
import ResettleCore

extension PetitionStage: OpenAPIEnum { static var componentName: String { "PetitionStage" } }
extension PetitionClockKind: OpenAPIEnum { static var componentName: String { "PetitionClockKind" } }
extension PetitionDecision: OpenAPIEnum { static var componentName: String { "PetitionDecision" } }
extension PetitionSatisfaction: OpenAPIEnum { static var componentName: String { "PetitionSatisfaction" } }
extension PetitionChannel: OpenAPIEnum { static var componentName: String { "PetitionChannel" } }
extension PetitionOutcome: OpenAPIEnum { static var componentName: String { "PetitionOutcome" } }
extension PetitionerRole: OpenAPIEnum { static var componentName: String { "PetitionerRole" } }
extension PetitionEventKind: OpenAPIEnum { static var componentName: String { "PetitionEventKind" } }

extension PetitionSummaryDTO: OpenAPIObject {
    static var componentName: String { "PetitionSummary" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("id", \.id)
            .property("number", \.number, "信访编号, XF<year>-<order>")
            .text("received_on", \.received_on, .date)
            .text("channel", \.channel, .code(PetitionChannel.self))
            .property("headcount", \.headcount, "people who came (a group counts them all)")
            .property("township_code", \.township_code)
            .property("category", \.category, "absent for a restricted petition the user may not read")
            .text("stage", \.stage, .code(PetitionStage.self))
            .property("restricted", \.restricted)
            .property("repeat_of", \.repeat_of, "the earlier petition of the same person on the same matter")
            .text(
                "next_clock", \.next_clock, .code(PetitionClockKind.self), "the running deadline that falls due first"
            )
            .text("next_due_on", \.next_due_on, .date)
            .property("days_left", \.days_left, "negative once overdue")
    }
}

extension PetitionerDTO: OpenAPIObject {
    static var componentName: String { "Petitioner" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .text("role", \.role, .code(PetitionerRole.self))
            .property("name", \.name)
            .property("id_number", \.id_number)
            .property("person_id", \.person_id, "the register person with this ID")
    }
}

extension PetitionClockDTO: OpenAPIObject {
    static var componentName: String { "PetitionClock" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .text("kind", \.kind, .code(PetitionClockKind.self))
            .text("starts_on", \.starts_on, .date)
            .text("due_on", \.due_on, .date)
            .text("met_on", \.met_on, .date, "absent while the clock runs")
            .property("paused_days", \.paused_days, "hearing days not counted")
    }
}

extension PetitionEventDTO: OpenAPIObject {
    static var componentName: String { "PetitionEvent" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .text("day", \.day, .date)
            .text("kind", \.kind, .code(PetitionEventKind.self))
            .property("text", \.text, "empty for a restricted petition the user may not read")
            .property("actor", \.actor)
    }
}

extension PetitionDetailDTO: OpenAPIObject {
    static var componentName: String { "PetitionDetail" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("petition", \.petition)
            .property("request", \.request)
            .property("facts", \.facts)
            .text("decision", \.decision, .code(PetitionDecision.self))
            .text("decided_on", \.decided_on, .date)
            .property("assigned_to", \.assigned_to)
            .text("assigned_due", \.assigned_due, .date)
            .property("extension_days", \.extension_days)
            .text("outcome", \.outcome, .code(PetitionOutcome.self))
            .text("replied_on", \.replied_on, .date)
            .text("reply_delivered_on", \.reply_delivered_on, .date)
            .text("satisfaction", \.satisfaction, .code(PetitionSatisfaction.self))
            .property("petitioners", \.petitioners, "empty for a restricted petition the user may not read")
            .property("clocks", \.clocks)
            .property("events", \.events)
    }
}

extension PetitionBoardItemDTO: OpenAPIObject {
    static var componentName: String { "PetitionBoardItem" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("petition_id", \.petition_id)
            .property("number", \.number)
            .property("township_code", \.township_code)
            .text("clock", \.clock, .code(PetitionClockKind.self))
            .text("due_on", \.due_on, .date)
            .property("days_left", \.days_left, "negative once overdue")
            .property("summary", \.summary, "category and request; absent when restricted")
    }
}

extension PetitionCategoryCountDTO: OpenAPIObject {
    static var componentName: String { "PetitionCategoryCount" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema().property("category", \.category).property("batches", \.batches)
    }
}

extension PetitionStatisticsDTO: OpenAPIObject {
    static var componentName: String { "PetitionStatistics" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .text("from", \.from, .date)
            .text("to", \.to, .date)
            .property("township_code", \.township_code)
            .property("batches", \.batches, "批次: one per registered event; a group counts once")
            .property("person_times", \.person_times, "人次: the sum of the headcounts")
            .property("group_batches", \.group_batches)
            .property("accepted", \.accepted)
            .property("closed", \.closed, "accepted and answered in writing")
            .property("closed_in_time", \.closed_in_time)
            .property("repeats", \.repeats)
            .property("closure_rate_basis_points", \.closure_rate_basis_points, "closed ÷ accepted; 10000 = 100%")
            .property("on_time_rate_basis_points", \.on_time_rate_basis_points)
            .property("satisfied", \.satisfied)
            .property("basically_satisfied", \.basically_satisfied)
            .property("dissatisfied", \.dissatisfied)
            .property("by_category", \.by_category)
    }
}
