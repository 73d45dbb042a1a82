import Fluent
import Foundation
import Vapor

/// A job started from the command line: run in this process, recorded in the jobs table like
/// the server's (so the job list shows it), with its progress printed on one line of the
/// terminal that is rewritten as the counts move.
enum CommandLineJob {
    /// This process's name in the jobs table.
    static var runner: String { "cli:\(ProcessInfo.processInfo.processIdentifier)" }

    /// Runs `work` and waits for it; returns how the job ended.
    static func run(_ app: Application, _ work: JobRunner.Work) async throws -> Job {
        let line = ProgressLine(title: work.title)
        var work = work
        work.observer = { line.show($0) }
        let runner = JobRunner(db: app.db, gate: app.writeGate, runner: runner)
        let id = try await runner.submit(work)
        await runner.waitUntilIdle()
        line.finish()
        guard let job = try await Job.find(id, on: app.db) else { throw ResettleCommandError("任务记录丢失") }
        return job
    }

    /// Jobs of command-line processes that are gone (killed, or the machine restarted) are
    /// marked failed; their work never committed. Called at server start.
    static func markOrphans(on db: any Database) async throws -> Int {
        let open = try await Job.query(on: db).filter(\.$runner != "server")
            .filter(\.$state ~~ [JobState.queued.rawValue, JobState.running.rawValue]).all()
        var marked = 0
        for job in open where !isAlive(job.runner) {
            job.state = JobState.failed.rawValue
            job.error = JobRunner.interruptedMessage
            job.finishedAt = Date()
            try await job.update(on: db)
            marked += 1
        }
        return marked
    }

    /// Whether the process named `cli:<pid>` still runs (signal 0 asks without sending).
    private static func isAlive(_ runner: String) -> Bool {
        guard runner.hasPrefix("cli:"), let pid = Int32(runner.dropFirst(4)) else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

/// What a command-line job's work returned, for the command to print once the job ended.
final class CommandLineOutcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    init() {}

    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    /// The value, or the job's own error when the work failed before producing one.
    func require(_ job: Job) throws -> Value {
        if let value { return value }
        throw ResettleCommandError(job.error ?? "任务未完成（详情见日志）")
    }
}

/// "导入移民名册 名册.csv  48000 / 100000（48%）" on standard error, rewritten in place at most
/// five times a second; nothing when standard error is not a terminal (scripts, logs).
final class ProgressLine: @unchecked Sendable {
    private let title: String
    private let lock = NSLock()
    private var lastShown = Date.distantPast
    private var shownAny = false
    private let isTerminal = isatty(FileHandle.standardError.fileDescriptor) != 0

    init(title: String) { self.title = title }

    func show(_ counts: JobProgress.Snapshot) {
        guard isTerminal else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= 0.2 || counts.done == counts.total else { return }
        lastShown = now
        shownAny = true
        let text = counts.total > 0 ? "\(counts.done) / \(counts.total)（\(counts.percent)%）" : "准备中"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(title)  \(text)".utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shownAny { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
