import Fluent
import Foundation
import ResettleCore
import Vapor

/// `/api/v1/petitions…`: the register of petitions, one petition with its clocks and timeline,
/// the deadline board and the statistics, with the pages' roles, township scoping and
/// restricted content (a restricted petition's people and request are left out for a viewer
/// who may not read them, and every reading by one who may is audited).
struct PetitionsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(PetitionAPIRoutes.list, use: list)
        routes.on(PetitionAPIRoutes.board, use: board)
        routes.on(PetitionAPIRoutes.statistics, use: statistics)
        routes.on(PetitionAPIRoutes.petition, use: petition)
    }

    static func summary(_ p: Petition, procedure: PetitionProcedure, sees: Bool, today: CivilDate)
        -> PetitionSummaryDTO
    {
        let next = procedure.running(on: today).min { $0.dueOn < $1.dueOn }
        return PetitionSummaryDTO(
            id: p.id!, number: p.number, received_on: p.receivedOn, channel: p.channel, headcount: p.headcount,
            township_code: p.townshipCode, category: sees ? p.category : nil, stage: p.stage, restricted: p.restricted,
            repeat_of: p.repeatOfID, next_clock: next?.kind.rawValue, next_due_on: next?.dueOn.iso,
            days_left: next?.daysLeft(on: today))
    }

    @Sendable func list(req: Request) async throws -> PageDTO<PetitionSummaryDTO> {
        let user = try req.requireUser(in: PetitionAccess.read)
        let filter = try PetitionFilter(req)
        let (total, rows) = try await filter.page(req.db, scope: req.scope)
        let rules = try await PetitionRules.load(on: req.db)
        let today = CivilDate.today()
        return PageDTO(
            total: total, page: filter.page, per_page: PetitionFilter.perPage,
            items: rows.map {
                Self.summary(
                    $0, procedure: $0.procedure(rules),
                    sees: PetitionAccess.seesContent(of: $0, user: user, rules: rules),
                    today: today)
            })
    }

    @Sendable func petition(req: Request) async throws -> PetitionDetailDTO {
        let user = try req.requireUser(in: PetitionAccess.read)
        let p = try await PetitionAccess.petition(req)
        let today = CivilDate.today()
        let m = try await PetitionPage.load(
            p, user: user, gate: req.application.writeGate, regions: try await req.regionDirectory(), today: today,
            on: req.db)
        return PetitionDetailDTO(
            petition: Self.summary(p, procedure: m.procedure, sees: m.seesContent, today: today),
            request: m.seesContent ? p.request : nil, facts: m.seesContent ? p.facts : nil,
            decision: p.decision, decided_on: p.decidedOn, assigned_to: p.assignedTo, assigned_due: p.assignedDue,
            extension_days: p.extensionDays, outcome: p.outcome, replied_on: p.repliedOn,
            reply_delivered_on: p.replyDeliveredOn, satisfaction: p.satisfaction,
            petitioners: m.petitioners.map {
                PetitionerDTO(role: $0.role, name: $0.name, id_number: $0.idNumber, person_id: $0.personID)
            },
            clocks: m.procedure.clocks.map {
                PetitionClockDTO(
                    kind: $0.kind.rawValue, starts_on: $0.startsOn.iso, due_on: $0.dueOn.iso, met_on: $0.metOn?.iso,
                    paused_days: $0.pausedDays)
            },
            events: m.events.map {
                PetitionEventDTO(day: $0.day, kind: $0.kind, text: m.seesContent ? $0.text : "", actor: $0.actor)
            })
    }

    @Sendable func board(req: Request) async throws -> ItemsDTO<PetitionBoardItemDTO> {
        let user = try req.requireUser(in: PetitionAccess.read)
        let board = try await PetitionBoard.load(for: user, scope: req.scope, today: .today(), on: req.db)
        return ItemsDTO(
            items: board.items.map {
                PetitionBoardItemDTO(
                    petition_id: $0.petitionID, number: $0.number, township_code: $0.townshipCode,
                    clock: $0.clock.kind.rawValue, due_on: $0.clock.dueOn.iso, days_left: $0.daysLeft,
                    summary: $0.summary)
            })
    }

    @Sendable func statistics(req: Request) async throws -> PetitionStatisticsDTO {
        _ = try req.requireUser(in: PetitionAccess.read)
        let period = try PetitionsController.period(req)
        let s = try await PetitionStatistics.load(
            from: period.from, to: period.to, townshipCode: period.township, scope: req.scope, on: req.db)
        let t = s.tally
        return PetitionStatisticsDTO(
            from: s.from.iso, to: s.to.iso, township_code: s.townshipCode, batches: t.batches,
            person_times: t.personTimes, group_batches: t.groupBatches, accepted: t.accepted, closed: t.closed,
            closed_in_time: t.closedInTime, repeats: t.repeats, closure_rate_basis_points: t.closureRateBasisPoints,
            on_time_rate_basis_points: t.onTimeRateBasisPoints, satisfied: t.satisfaction[.satisfied] ?? 0,
            basically_satisfied: t.satisfaction[.basicallySatisfied] ?? 0,
            dissatisfied: t.satisfaction[.dissatisfied] ?? 0,
            by_category: t.byCategory.map { PetitionCategoryCountDTO(category: $0.category, batches: $0.batches) })
    }
}

struct PetitionSummaryDTO: Content {
    var id: UUID
    var number: String
    var received_on: String
    var channel: String
    var headcount: Int
    var township_code: String
    var category: String?
    var stage: String
    var restricted: Bool
    var repeat_of: UUID?
    var next_clock: String?
    var next_due_on: String?
    var days_left: Int?
}

struct PetitionerDTO: Content {
    var role: String
    var name: String
    var id_number: String?
    var person_id: UUID?
}

struct PetitionClockDTO: Content {
    var kind: String
    var starts_on: String
    var due_on: String
    var met_on: String?
    var paused_days: Int
}

struct PetitionEventDTO: Content {
    var day: String
    var kind: String
    var text: String
    var actor: String
}

struct PetitionDetailDTO: Content {
    var petition: PetitionSummaryDTO
    var request: String?
    var facts: String?
    var decision: String?
    var decided_on: String?
    var assigned_to: String?
    var assigned_due: String?
    var extension_days: Int?
    var outcome: String?
    var replied_on: String?
    var reply_delivered_on: String?
    var satisfaction: String?
    var petitioners: [PetitionerDTO]
    var clocks: [PetitionClockDTO]
    var events: [PetitionEventDTO]
}

struct PetitionBoardItemDTO: Content {
    var petition_id: UUID
    var number: String
    var township_code: String
    var clock: String
    var due_on: String
    var days_left: Int
    var summary: String?
}

struct PetitionCategoryCountDTO: Content {
    var category: String
    var batches: Int
}

struct PetitionStatisticsDTO: Content {
    var from: String
    var to: String
    var township_code: String?
    var batches: Int
    var person_times: Int
    var group_batches: Int
    var accepted: Int
    var closed: Int
    var closed_in_time: Int
    var repeats: Int
    var closure_rate_basis_points: Int?
    var on_time_rate_basis_points: Int?
    var satisfied: Int
    var basically_satisfied: Int
    var dissatisfied: Int
    var by_category: [PetitionCategoryCountDTO]
}
