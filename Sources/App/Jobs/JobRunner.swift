import Fluent
import Foundation
import Vapor

/// Runs the application's jobs in the server process, one at a time, while pages and API
/// calls go on. Every job writes, and every write waits for the one write gate anyway; one
/// job at a time keeps a second import from queueing behind the first's transaction with its
/// own file already in memory.
///
/// A job's row is written when it is queued, when it starts and when it ends — each outside
/// the job's own transaction, so a failure of the work leaves a truthful row. The work must be
/// all-or-nothing itself (the services run in one transaction): a job that fails, or that a
/// restart cuts off (`JobRunner.markInterrupted`), has written nothing.
actor JobRunner {
    struct Work: Sendable {
        var kind: JobKind
        var title: String
        var actor: String
        var townshipCode: String?
        var run: @Sendable (JobProgress) async throws -> JobResult
        /// Told every change of the counts (the CLI's one-line display); nil in the server.
        var observer: (@Sendable (JobProgress.Snapshot) -> Void)? = nil
    }

    /// A job that ended, for the metrics: what it was, how it ended and how long it ran (from
    /// its start, the time queued not included).
    struct Finished: Sendable {
        var id: UUID
        var kind: JobKind
        var state: JobState
        var duration: Duration
    }

    /// The message of a job cut off by a restart or kill.
    static let interruptedMessage = "服务重启，任务中断，未写入任何数据"

    private let db: any Database
    private let gate: WriteGate
    private let runner: String
    private var queue: [(id: UUID, work: Work)] = []
    private var running: (id: UUID, progress: JobProgress)?
    private var worker: Task<Void, Never>?
    /// Callbacks for tests and metrics: a job ended (its id and final state).
    private var finishedObservers: [@Sendable (UUID, JobState) -> Void] = []
    private var finishedDetailObservers: [@Sendable (Finished) -> Void] = []

    init(db: any Database, gate: WriteGate, runner: String = "server") {
        self.db = db
        self.gate = gate
        self.runner = runner
    }

    /// Queues `work` and returns the job's id at once.
    func submit(_ work: Work) async throws -> UUID {
        let job = Job()
        let id = UUID()
        job.id = id
        job.kind = work.kind.rawValue
        job.title = work.title
        job.actor = work.actor
        job.townshipCode = work.townshipCode
        job.state = JobState.queued.rawValue
        job.done = 0
        job.total = 0
        job.runner = runner
        job.createdAt = Date()
        let db = self.db
        try await gate.run { try await job.create(on: db) }
        queue.append((id, work))
        if worker == nil {
            worker = Task { await self.drain() }
        }
        return id
    }

    /// The live counts of the job running now, if `id` is it.
    func progress(of id: UUID) -> JobProgress.Snapshot? {
        guard let running, running.id == id else { return nil }
        return running.progress.snapshot
    }

    func onFinish(_ observer: @escaping @Sendable (UUID, JobState) -> Void) {
        finishedObservers.append(observer)
    }

    /// Like `onFinish`, with the job's kind and how long it ran.
    func onFinish(details observer: @escaping @Sendable (Finished) -> Void) {
        finishedDetailObservers.append(observer)
    }

    /// How many jobs wait and how many run now.
    var load: (queued: Int, running: Int) { (queue.count, running == nil ? 0 : 1) }

    /// Waits until every queued job has ended (for tests and an orderly shutdown).
    func waitUntilIdle() async {
        while let worker { await worker.value }
    }

    private func drain() async {
        while !queue.isEmpty {
            let (id, work) = queue.removeFirst()
            let progress = JobProgress(observer: work.observer)
            running = (id, progress)
            let started = ContinuousClock.now
            let state = await Self.execute(id: id, work: work, progress: progress, on: db, gate: gate)
            running = nil
            for observer in finishedObservers { observer(id, state) }
            let finished = Finished(id: id, kind: work.kind, state: state, duration: .now - started)
            for observer in finishedDetailObservers { observer(finished) }
        }
        worker = nil
    }

    /// Runs one job and records how it ended.
    static func execute(id: UUID, work: Work, progress: JobProgress, on db: any Database, gate: WriteGate) async
        -> JobState
    {
        do {
            try await update(id, on: db, gate: gate) {
                $0.state = JobState.running.rawValue
                $0.startedAt = Date()
            }
        } catch {
            db.logger.error("job \(id) could not be started: \(String(reflecting: error))")
            return .failed
        }
        let outcome: Result<JobResult, any Error>
        do {
            outcome = .success(try await work.run(progress))
        } catch {
            outcome = .failure(error)
        }
        let counts = progress.snapshot
        do {
            try await update(id, on: db, gate: gate) { job in
                job.done = counts.done
                job.total = counts.total
                job.finishedAt = Date()
                switch outcome {
                case .success(let result) where result.refused:
                    job.state = JobState.failed.rawValue
                    job.error = result.summary
                    job.resultPath = result.path
                    job.detail = result.detail
                case .success(let result):
                    job.state = JobState.succeeded.rawValue
                    job.resultPath = result.path
                    job.resultSummary = result.summary
                    job.detail = result.detail
                case .failure(let error):
                    job.state = JobState.failed.rawValue
                    job.error = Self.message(for: error)
                }
            }
        } catch {
            db.logger.error("job \(id) ended but could not be recorded: \(String(reflecting: error))")
        }
        if case .failure(let error) = outcome, !(error is ResettleError) {
            db.logger.error("job \(id) (\(work.kind.rawValue)) failed: \(String(reflecting: error))")
        }
        if case .success(let result) = outcome, !result.refused { return .succeeded }
        return .failed
    }

    /// What the job page says about a failure: the user's own error in full, anything else as
    /// a plain statement that nothing was written (the details go to the log).
    static func message(for error: any Error) -> String {
        if let e = error as? ResettleError { return e.reason }
        return "任务出错，未写入任何数据（详情见服务日志）"
    }

    private static func update(
        _ id: UUID, on db: any Database, gate: WriteGate, _ change: @escaping @Sendable (Job) -> Void
    ) async throws {
        try await gate.run {
            guard let job = try await Job.find(id, on: db) else { return }
            change(job)
            try await job.update(on: db)
        }
    }

    /// At server start: every job the server had queued or was running when it stopped is
    /// marked failed. Their work ran in one transaction that never committed, so nothing of it
    /// is in the database. Jobs of a CLI process are left to that process.
    static func markInterrupted(on db: any Database, runner: String = "server") async throws -> Int {
        let cut = try await Job.query(on: db).filter(\.$runner == runner)
            .filter(\.$state ~~ [JobState.queued.rawValue, JobState.running.rawValue]).all()
        for job in cut {
            job.state = JobState.failed.rawValue
            job.error = interruptedMessage
            job.finishedAt = Date()
            try await job.update(on: db)
        }
        return cut.count
    }
}

extension Application {
    private struct JobRunnerKey: StorageKey {
        typealias Value = JobRunner
    }

    /// The server's job runner.
    var jobs: JobRunner {
        // Read before taking the shared-instance lock, which the write gate's own lookup takes too.
        let db = self.db
        let gate = writeGate
        return sharedInstance(JobRunnerKey.self) { JobRunner(db: db, gate: gate) }
    }
}
