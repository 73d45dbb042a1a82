import Foundation

struct JobsModel: Sendable {
    struct Row: Sendable {
        var id: String
        var kind: String
        var title: String
        var actor: String
        var state: JobState
        var done: Int
        var total: Int
        var created: String
        var started: String
        var finished: String
        var resultPath: String?
        var resultSummary: String?
        var error: String?
        var detail: JobDetail?

        /// The way to the result with the job's message: `/jobs/:id/result`.
        var resultURL: String? { state == .succeeded && resultPath != nil ? JobsRoutes.result(id) : nil }

        var percent: Int { state == .succeeded ? 100 : total > 0 ? min(100, done * 100 / total) : 0 }

        /// `live`: the counts of a job running now, which the row does not hold yet.
        init(_ job: Job, live: JobProgress.Snapshot?) {
            id = job.id?.uuidString ?? ""
            kind = job.jobKind?.chinese ?? job.kind
            title = job.title
            actor = job.actor
            state = job.jobState
            done = live?.done ?? job.done
            total = live?.total ?? job.total
            created = Self.time(job.createdAt)
            started = job.startedAt.map(Self.time) ?? ""
            finished = job.finishedAt.map(Self.time) ?? ""
            resultPath = job.resultPath
            resultSummary = job.resultSummary
            error = job.error
            detail = job.detail
        }

        /// Beijing time, as the office reads it.
        static func time(_ date: Date) -> String { Figures.moment(date) }
    }

    var rows: [Row]
}
