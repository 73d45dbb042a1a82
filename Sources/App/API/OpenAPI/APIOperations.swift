import Foundation
import OpenAPIKit
import ResettleCore

/// The error answers an operation can give. Each is `ResettleErrorMiddleware.APIError` with the
/// codes of the `ResettleError`s that carry its status.
enum APIFailure: Int, CaseIterable {
    case badRequest = 400
    case unauthorized = 401
    case forbidden = 403
    case notFound = 404
    case conflict = 409
    case tooLarge = 413
    case unprocessable = 422

    var componentName: String {
        switch self {
        case .badRequest: return "BadRequest"
        case .unauthorized: return "Unauthorized"
        case .forbidden: return "Forbidden"
        case .notFound: return "NotFound"
        case .conflict: return "Conflict"
        case .tooLarge: return "TooLarge"
        case .unprocessable: return "Unprocessable"
        }
    }

    var summary: String {
        switch self {
        case .badRequest:
            return
                "a query parameter or the body cannot be read (wrong type, missing key, unknown value, NUL character)"
        case .unauthorized: return "no session and no valid bearer token"
        case .forbidden: return "the user's role may not do this, or a cookie-authenticated write lacks X-CSRF-Token"
        case .notFound: return "no such record, or it belongs to another township than the user's"
        case .conflict:
            return
                "the record's state does not allow it now (locked roll, open request, same person twice in the procedure)"
        case .tooLarge: return "the body is over 256 KB"
        case .unprocessable:
            return
                "well-formed, but the rules refuse it (notice too short, no policy for the period, nothing to correct)"
        }
    }

    /// The `error` codes answered with this status.
    var codes: [String] {
        ResettleError.everyKind.filter { Int($0.status.code) == rawValue }.map(\.code)
    }

    var response: OpenAPI.Response {
        OpenAPI.Response(
            description: summary,
            content: [.json: .content(.init(schema: ResettleErrorMiddleware.APIError.schema(codes: codes)))])
    }
}

extension ResettleError {
    /// One error of each kind, for the codes the document lists under each status. A new case
    /// makes `listed` fail to compile until it is added here too.
    static let everyKind: [ResettleError] = [
        .notFound, .forbidden, .notLoggedIn, .csrfRejected, .invalidInput(""), .invalidField("", field: ""),
        .invalidBody(""),
        .badParameter(name: "", reason: ""), .conflict(""), .locked(until: Date(timeIntervalSince1970: 0)),
        .tooLarge(limitMB: 0),
    ]

    private static func listed(_ error: ResettleError) -> Bool {
        switch error {
        case .notFound, .forbidden, .notLoggedIn, .csrfRejected, .invalidInput, .invalidField, .invalidBody,
            .badParameter, .conflict, .locked, .tooLarge:
            return true
        }
    }
}

/// One operation of `/api/v1`: what it takes and what it answers.
struct APIOperation {
    /// The route it documents.
    var route: RoutePath
    var operationID: String
    var summary: String
    var parameters: [OpenAPI.Parameter] = []
    var body: (any OpenAPIObject.Type)? = nil
    var status: Int = 200
    var answer: any OpenAPIValue.Type
    var answerDescription: String
    /// Beyond 400 and 401, which every operation can answer; writes can also answer 403 and 413.
    var failures: [APIFailure] = []

    var method: OpenAPI.HttpMethod { route.method == .POST ? .post : .get }

    /// Below the server URL `/api/v1`, with `{id}` for the path parameter.
    var path: String {
        "/"
            + route.components.dropFirst(APIOperation.serverPath.count).map { component -> String in
                switch component {
                case .literal(let s): s
                case .param: "{id}"
                }
            }.joined(separator: "/")
    }

    /// The server URL's components, which every API route description begins with.
    static let serverPath: [RoutePath.Component] = ["api", "v1"]

    var allFailures: [APIFailure] {
        var all: Set<APIFailure> = Set(failures).union([.badRequest, .unauthorized])
        if method == .post { all.formUnion([.forbidden, .tooLarge]) }
        return APIFailure.allCases.filter(all.contains)
    }

    var operation: OpenAPI.Operation {
        var responses: OpenAPI.Response.Map = [
            .status(code: status): .b(
                OpenAPI.Response(
                    description: answerDescription, content: [.json: .content(.init(schema: answer.openAPISchema))]))
        ]
        for failure in allFailures {
            responses[.status(code: failure.rawValue)] = .a(.component(named: failure.componentName))
        }
        return OpenAPI.Operation(
            summary: summary, operationId: operationID, parameters: parameters.map { .b($0) },
            requestBody: body.map {
                OpenAPI.Request(content: [.json: .content(.init(schema: $0.openAPISchema))], required: true)
            },
            responses: responses)
    }

    /// The named schemas its body and answer use.
    var components: [any OpenAPIComponent.Type] {
        (body.map { [$0] } ?? []) + answer.referencedComponents
    }
}

extension APIOperation {
    /// The path parameter `{id}`.
    static func id(_ description: String, uuid: Bool = true) -> OpenAPI.Parameter {
        .path(name: "id", schema: uuid ? .string(format: .uuid) : .string, description: description)
    }

    static func query(_ name: String, _ schema: JSONSchema, _ description: String) -> OpenAPI.Parameter {
        .query(name: name, schema: schema, description: description)
    }

    static func text(_ name: String, _ description: String) -> OpenAPI.Parameter {
        query(name, .string(maxLength: QueryParameters.maxTextLength), description)
    }

    static func code(_ name: String, _ values: [String], _ description: String) -> OpenAPI.Parameter {
        query(name, .string(allowedValues: values.map { AnyCodable($0) }), description)
    }

    static let page = query(
        "page", .integer(maximum: (QueryParameters.maxPage, exclusive: false), minimum: (1, exclusive: false)),
        "1-based")

    /// Every operation `APIController`, `PaymentsAPIController` and `FundsAPIController`
    /// register, in the order of their `boot`.
    static let all: [APIOperation] = [
        APIOperation(
            route: RegisterAPIRoutes.people, operationID: "searchPeople", summary: "Search the register",
            parameters: [
                text("q", "part of a name, a full resident ID or its last digits, a bank card or phone number"),
                text("township", "township code"),
                text("village", "village code"),
                code("status", PersonStatus.rawValues, "people of this status only"),
                code(
                    "sort", PeopleSort.allCases.flatMap { [$0.rawValue, "-" + $0.rawValue] },
                    "order by this column (a leading - for descending); by township, village, group and household unless given"
                ),
                page,
                query(
                    "per_page", .integer(maximum: (500, exclusive: false), minimum: (1, exclusive: false)),
                    "rows a page, 50 unless given"),
            ],
            answer: PageDTO<PersonSummaryDTO>.self, answerDescription: "a page of people"),
        APIOperation(
            route: RegisterAPIRoutes.person, operationID: "getPerson",
            summary: "One person, by record id or resident ID number",
            parameters: [id("record id or resident ID number", uuid: false)],
            answer: PersonDetailDTO.self, answerDescription: "the person with the history of their status",
            failures: [.notFound]),
        APIOperation(
            route: RegisterAPIRoutes.household, operationID: "getHousehold", summary: "A household with its members",
            parameters: [id("household record id")],
            answer: HouseholdDTO.self, answerDescription: "the household", failures: [.notFound]),
        APIOperation(
            route: RegisterAPIRoutes.changes, operationID: "listChanges", summary: "Change requests, newest first",
            parameters: [
                code(
                    "status", ChangeFilter.statusValues,
                    "a status; `noticing` (notice still running) or `awaitingTownship` (notice ended, not reviewed); or `open` for noticePosted and awaitingCounty"
                ),
                code("kind", ChangeKind.rawValues, "requests of this kind only"),
                query(
                    "year", .integer(maximum: (2199, exclusive: false), minimum: (1900, exclusive: false)),
                    "year the request was decided"),
                query("from", .string(format: .date), "filed on or after this day"),
                query("to", .string(format: .date), "filed on or before this day"),
                code(
                    "sort", ChangeSort.allCases.flatMap { [$0.rawValue, "-" + $0.rawValue] },
                    "order by this column (a leading - for descending); newest filed first unless given"),
                page,
            ],
            answer: PageDTO<ChangeDTO>.self, answerDescription: "a page of change requests"),
        APIOperation(
            route: RegisterAPIRoutes.createChange, operationID: "createChange",
            summary: "Submit a reduction, restoration or correction; its notice is posted",
            body: CreateChangeDTO.self, status: 201, answer: ChangeDTO.self, answerDescription: "the request as filed",
            failures: [.notFound, .conflict, .unprocessable]),
        APIOperation(
            route: RegisterAPIRoutes.change, operationID: "getChange", summary: "One change request with its steps",
            parameters: [id("change request record id")],
            answer: ChangeDTO.self, answerDescription: "the change request", failures: [.notFound]),
        APIOperation(
            route: RegisterAPIRoutes.act, operationID: "actOnChange",
            summary:
                "Township review, county approval, or withdrawal; submitter, reviewer and approver must be three different users (409 otherwise)",
            parameters: [id("change request record id")], body: ChangeActionDTO.self,
            answer: ChangeDTO.self, answerDescription: "the change request after the action",
            failures: [.notFound, .conflict]),
        APIOperation(
            route: PaymentsAPIRoutes.rolls, operationID: "listRolls", summary: "Payment rolls, newest period first",
            answer: ItemsDTO<RollDTO>.self, answerDescription: "the rolls"),
        APIOperation(
            route: PaymentsAPIRoutes.generate, operationID: "generateRoll",
            summary: "Generate the roll of a period, or regenerate its draft",
            body: PaymentsAPIController.GenerateDTO.self, status: 201, answer: RollDTO.self,
            answerDescription: "the roll",
            failures: [.conflict, .unprocessable]),
        APIOperation(
            route: PaymentsAPIRoutes.roll, operationID: "getRoll",
            summary: "One roll with payees and money by village (a township user sees its own villages only)",
            parameters: [id("roll record id")],
            answer: RollDetailDTO.self, answerDescription: "the roll", failures: [.notFound]),
        APIOperation(
            route: PaymentsAPIRoutes.approve, operationID: "approveRoll",
            summary: "Approve and lock a draft roll (leader or admin, not the person who generated it)",
            parameters: [id("roll record id")],
            answer: RollDTO.self, answerDescription: "the approved roll", failures: [.notFound, .conflict]),
        APIOperation(
            route: PaymentsAPIRoutes.results, operationID: "listBankResults",
            summary: "Bank results imported for a roll, each with its reconciliation counts",
            parameters: [id("roll record id")],
            answer: ItemsDTO<ReconciliationDTO>.self, answerDescription: "the results, oldest first",
            failures: [.forbidden, .notFound]),
        APIOperation(
            route: PaymentsAPIRoutes.reconciliation, operationID: "getReconciliation",
            summary: "Reconciliation counts of one bank result against its roll",
            parameters: [id("bank result record id")],
            answer: ReconciliationDTO.self, answerDescription: "counts per kind of difference",
            failures: [.forbidden, .notFound]),
        APIOperation(
            route: FundsAPIRoutes.overview, operationID: "getFundsOverview",
            summary: "A year's funds: received, arranged, paid and unspent, by batch and by township",
            parameters: [fundsYear],
            answer: FundsOverviewDTO.self, answerDescription: "the year's figures (a township user's own township only)"
        ),
        APIOperation(
            route: FundsAPIRoutes.projects, operationID: "listProjects",
            summary: "The year's village projects, by code",
            parameters: [
                fundsYear,
                text("township", "township code (a township user always gets their own)"),
                text("kind", "a project kind of the office's vocabulary"),
                code("stage", ProjectStage.rawValues, "projects at this stage only"),
                code(
                    "band", ["under", "over"], "resettlement funds under, or at and over, the county-review threshold"),
                code("findings", ["open"], "only projects with open spot-check findings"),
                page,
            ],
            answer: PageDTO<ProjectSummaryDTO>.self, answerDescription: "a page of 50 projects"),
        APIOperation(
            route: FundsAPIRoutes.project, operationID: "getProject",
            summary: "One project with its route, money, steps and payments",
            parameters: [id("project record id")],
            answer: ProjectDetailDTO.self, answerDescription: "the project", failures: [.notFound]),
        APIOperation(
            route: PetitionAPIRoutes.list, operationID: "listPetitions",
            summary: "Petitions (信访), newest first; a township user gets their own township's",
            parameters: [
                query(
                    "year", .integer(maximum: (2199, exclusive: false), minimum: (1900, exclusive: false)),
                    "received in this year"),
                text("township", "township code"),
                code("stage", PetitionStage.rawValues, "petitions at this stage only"),
                text("category", "a petition category of the office's vocabulary"),
                text("q", "a petition number, or a petitioner's name or resident ID"),
                page,
            ],
            answer: PageDTO<PetitionSummaryDTO>.self, answerDescription: "a page of 50 petitions"),
        APIOperation(
            route: PetitionAPIRoutes.board, operationID: "getPetitionBoard",
            summary: "Running deadlines overdue or due within 7 days, soonest first",
            answer: ItemsDTO<PetitionBoardItemDTO>.self, answerDescription: "the board of the user's scope"),
        APIOperation(
            route: PetitionAPIRoutes.statistics, operationID: "getPetitionStatistics",
            summary: "Batches, person-times, closure and on-time rates of the petitions received in a period",
            parameters: [
                query(
                    "year", .integer(maximum: (2199, exclusive: false), minimum: (1900, exclusive: false)),
                    "the whole of this year unless from/to are given; this year by default"),
                query("from", .string(format: .date), "received on or after this day"),
                query("to", .string(format: .date), "received on or before this day (not before from)"),
                text("township", "township code"),
            ],
            answer: PetitionStatisticsDTO.self, answerDescription: "the counts"),
        APIOperation(
            route: PetitionAPIRoutes.petition, operationID: "getPetition",
            summary: "One petition with its clocks and timeline; reading a restricted one is audited",
            parameters: [id("petition record id")],
            answer: PetitionDetailDTO.self, answerDescription: "the petition", failures: [.notFound]),
        APIOperation(
            route: TrainingAPIRoutes.statistics, operationID: "getTrainingStatistics",
            summary: "A year's training by type: plan, people, person-times of short courses, money",
            parameters: [
                query(
                    "year", .integer(maximum: (2199, exclusive: false), minimum: (1900, exclusive: false)),
                    "this year unless given")
            ],
            answer: TrainingStatisticsDTO.self, answerDescription: "the year's figures (a township user's own trainees)"
        ),
    ]

    static let fundsYear = query(
        "year", .integer(maximum: (2199, exclusive: false), minimum: (1900, exclusive: false)),
        "the latest year with funds or projects unless given")
}
