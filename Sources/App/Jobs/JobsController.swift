import Fluent
import Vapor

/// The job pages: the list of recent jobs in the user's scope, one job with its progress, and
/// the progress as JSON for the page's polling.
struct JobsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(JobsRoutes.list, use: list)
        routes.on(JobsRoutes.show, use: show)
        routes.on(JobsRoutes.progress, use: progress)
        routes.on(JobsRoutes.result, use: result)
    }

    @Sendable func list(req: Request) async throws -> Response {
        _ = try req.requireUser()
        var query = Job.query(on: req.db).sort(\.$createdAt, .descending).limit(50)
        if let own = req.scope.townshipCode { query = query.filter(\.$townshipCode == own) }
        let jobs = try await query.all()
        let runner = req.application.jobs
        var rows: [JobsModel.Row] = []
        for job in jobs {
            rows.append(JobsModel.Row(job, live: try await runner.progress(of: job.requireID())))
        }
        return htmlResponse(JobsView.list(try await req.pageContext(), JobsModel(rows: rows)))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let job = try await Self.job(req)
        let row = JobsModel.Row(job, live: await req.application.jobs.progress(of: try job.requireID()))
        return htmlResponse(JobsView.detail(try await req.pageContext(), row))
    }

    @Sendable func progress(req: Request) async throws -> JobProgressDTO {
        let job = try await Self.job(req)
        return JobProgressDTO(JobsModel.Row(job, live: await req.application.jobs.progress(of: try job.requireID())))
    }

    /// From a finished job to its result, carrying the job's summary as the result page's
    /// message; anything else goes back to the job's page.
    @Sendable func result(req: Request) async throws -> Response {
        let job = try await Self.job(req)
        guard job.jobState == .succeeded, let path = job.resultPath else {
            return req.redirect(to: JobsRoutes.show(try job.requireID()))
        }
        if let summary = job.resultSummary { req.setFlash(summary) }
        return req.redirect(to: path)
    }

    /// The job named in the path, if the user's scope covers it: a township user sees only
    /// jobs on their township's data.
    static func job(_ req: Request) async throws -> Job {
        _ = try req.requireUser()
        guard let id = req.parameters.get("jobID", as: UUID.self), let job = try await Job.find(id, on: req.db) else {
            throw ResettleError.notFound
        }
        if let own = req.scope.townshipCode, job.townshipCode != own { throw ResettleError.notFound }
        return job
    }
}

/// The job page's polling answer.
struct JobProgressDTO: Content {
    var state: String
    var state_label: String
    var done: Int
    var total: Int
    var percent: Int
    /// Where the page goes once the job succeeded (`/jobs/:id/result`).
    var result_path: String?
    var result_summary: String?
    var error: String?

    init(_ row: JobsModel.Row) {
        state = row.state.rawValue
        state_label = row.state.chinese
        done = row.done
        total = row.total
        percent = row.percent
        result_path = row.resultURL
        result_summary = row.resultSummary
        error = row.error
    }
}
