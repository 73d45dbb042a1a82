import Fluent
import Foundation
import OpenAPIKit
import ResettleCore
import Vapor

/// `/api/v1/training?year=`: the year's training by type, with the plan, as the page shows it
/// (a township user's own township's trainees only).
struct TrainingAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(TrainingAPIRoutes.statistics, use: statistics)
    }

    @Sendable func statistics(req: Request) async throws -> TrainingStatisticsDTO {
        try req.requireUser(in: TrainingAccess.read)
        let s = try await TrainingStatistics.load(
            year: try TrainingController.year(req), townshipCode: req.scope.townshipCode, on: req.db)
        return TrainingStatisticsDTO(
            year: s.year, people: s.people, short_course_person_times: s.shortCoursePersonTimes, funds_fen: s.fundsFen,
            types: s.rows.map {
                TrainingTypeFiguresDTO(
                    type: $0.type.name, planned_people: $0.plan?.quotaPeople, planned_fen: $0.plan?.quotaFen,
                    people: $0.people, person_times: $0.personTimes, funds_fen: $0.fundsFen, completed: $0.completed,
                    employed: $0.employed)
            })
    }
}

struct TrainingTypeFiguresDTO: Content {
    var type: String
    var planned_people: Int?
    var planned_fen: Int64?
    var people: Int
    var person_times: Int
    var funds_fen: Int64
    var completed: Int
    var employed: Int
}

struct TrainingStatisticsDTO: Content {
    var year: Int
    var people: Int
    var short_course_person_times: Int
    var funds_fen: Int64
    var types: [TrainingTypeFiguresDTO]
}

extension TrainingTypeFiguresDTO: OpenAPIObject {
    static var componentName: String { "TrainingTypeFigures" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("type", \.type, "a training type of the office's list")
            .property("planned_people", \.planned_people, "the year's plan; absent without one")
            .property("planned_fen", \.planned_fen)
            .property("people", \.people, "each person once per type")
            .property("person_times", \.person_times, "enrolments in short courses; 0 for the others")
            .property("funds_fen", \.funds_fen, "cost per person of each trainee; approved subsidies for 中长期")
            .property("completed", \.completed)
            .property("employed", \.employed)
    }
}

extension TrainingStatisticsDTO: OpenAPIObject {
    static var componentName: String { "TrainingStatistics" }
    static var objectSchema: ObjectSchema<Self> {
        ObjectSchema()
            .property("year", \.year)
            .property("people", \.people, "the sum over the types")
            .property("short_course_person_times", \.short_course_person_times)
            .property("funds_fen", \.funds_fen)
            .property("types", \.types)
    }
}
