import OpenAPIKit
import ResettleCore

extension ProjectStage: OpenAPIEnum { static var componentName: String { "ProjectStage" } }
extension ProjectStepKind: OpenAPIEnum { static var componentName: String { "ProjectStepKind" } }
extension DisbursementKind: OpenAPIEnum { static var componentName: String { "DisbursementKind" } }
extension PaymentRoute.Review: OpenAPIEnum { static var componentName: String { "PaymentRouteReview" } }
extension PaymentRoute.Payer: OpenAPIEnum { static var componentName: String { "PaymentRoutePayer" } }
extension FundBatch.Level: OpenAPIEnum { static var componentName: String { "FundLevel" } }
extension FundBatch.Manager: OpenAPIEnum { static var componentName: String { "FundManager" } }

extension FundBatchDTO: OpenAPIObject {
    static var componentName: String { "FundBatch" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("id", \.id)
            .property("year", \.year)
            .property("category", \.category, "a fund category of the office's vocabulary")
            .property("document", \.document, "the document number (文号)")
            .text("received_on", \.received_on, .date)
            .text("level", \.level, .code(FundBatch.Level.self))
            .text("manager", \.manager, .code(FundBatch.Manager.self))
            .property("amount_fen", \.amount_fen)
            .property("arranged_fen", \.arranged_fen, "arranged to projects")
            .property("paid_fen", \.paid_fen, "paid out of the arrangements, counted in the order they were made")
    }
}

extension FundsAreaDTO: OpenAPIObject {
    static var componentName: String { "FundsArea" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("code", \.code, "township (or village) code")
            .property("projects", \.projects)
            .property("started", \.started, "projects whose works have started")
            .property("arranged_fen", \.arranged_fen)
            .property("paid_fen", \.paid_fen)
            .property("balance_fen", \.balance_fen, "arranged and not yet paid (结存)")
            .property("flagged", \.flagged, "the balance's share of the arranged money is above the office's setting")
    }
}

extension FundsOverviewDTO: OpenAPIObject {
    static var componentName: String { "FundsOverview" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("year", \.year)
            .property("received_fen", \.received_fen, "the year's batches; absent for a township user")
            .property("arranged_fen", \.arranged_fen)
            .property("paid_fen", \.paid_fen)
            .property("balance_fen", \.balance_fen)
            .property("batches", \.batches, "empty for a township user")
            .property("townships", \.townships)
    }
}

extension ProjectSummaryDTO: OpenAPIObject {
    static var componentName: String { "ProjectSummary" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("id", \.id)
            .property("code", \.code)
            .property("name", \.name)
            .property("township_code", \.township_code)
            .property("village_code", \.village_code)
            .property("kind", \.kind)
            .text("stage", \.stage, .code(ProjectStage.self))
            .property("progress_percent", \.progress_percent)
            .property("resettlement_funds_fen", \.resettlement_funds_fen, "approved, or planned before approval")
            .property("arranged_fen", \.arranged_fen)
            .property("paid_fen", \.paid_fen)
    }
}

extension ProjectStepDTO: OpenAPIObject {
    static var componentName: String { "ProjectStep" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .text("kind", \.kind, .code(ProjectStepKind.self))
            .text("acted_on", \.acted_on, .date)
            .property("actor", \.actor)
            .property("opinion", \.opinion)
            .text("stage_after", \.stage_after, .code(ProjectStage.self))
    }
}

extension ProjectPaymentDTO: OpenAPIObject {
    static var componentName: String { "ProjectPayment" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .text("kind", \.kind, .code(DisbursementKind.self))
            .property("voucher", \.voucher)
            .property("payee", \.payee)
            .text("paid_on", \.paid_on, .date)
            .property("amount_fen", \.amount_fen)
    }
}

extension ProjectDetailDTO: OpenAPIObject {
    static var componentName: String { "ProjectDetail" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("id", \.id)
            .property("code", \.code)
            .property("year", \.year)
            .property("name", \.name)
            .property("township_code", \.township_code)
            .property("village_code", \.village_code)
            .property("kind", \.kind)
            .text("stage", \.stage, .code(ProjectStage.self))
            .property("progress_percent", \.progress_percent)
            .property("planned_resettlement_fen", \.planned_resettlement_fen)
            .property("approved_fen", \.approved_fen)
            .property("settled_fen", \.settled_fen)
            .property("retention_fen", \.retention_fen)
            .text("route_review", \.route_review, .code(PaymentRoute.Review.self))
            .text("route_payer", \.route_payer, .code(PaymentRoute.Payer.self))
            .property("arranged_fen", \.arranged_fen)
            .property("paid_fen", \.paid_fen)
            .property("open_findings", \.open_findings, "open spot-check findings; any blocks payment")
            .property("warnings", \.warnings, "tendering and retention warnings")
            .property("steps", \.steps)
            .property("payments", \.payments)
    }
}
