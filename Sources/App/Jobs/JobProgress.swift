import Foundation
import NIOConcurrencyHelpers

/// The counts of a running job, written by the work and read by the job page's polling.
/// Services report through it whatever unit they count in (rows read, people decided).
final class JobProgress: Sendable {
    struct Snapshot: Sendable, Equatable {
        var done: Int
        var total: Int

        /// 0…100, for the progress bar; 0 while the total is unknown.
        var percent: Int { total > 0 ? min(100, done * 100 / total) : 0 }
    }

    private let counts = NIOLockedValueBox(Snapshot(done: 0, total: 0))
    /// Called on every change, for the CLI's one-line display; nil in the server.
    private let observer: (@Sendable (Snapshot) -> Void)?

    init(observer: (@Sendable (Snapshot) -> Void)? = nil) {
        self.observer = observer
    }

    var snapshot: Snapshot { counts.withLockedValue { $0 } }

    func report(done: Int, total: Int) {
        let now = counts.withLockedValue {
            $0 = Snapshot(done: max(0, done), total: max(0, total))
            return $0
        }
        observer?(now)
    }

    func setTotal(_ total: Int) {
        let now = counts.withLockedValue {
            $0.total = max(0, total)
            return $0
        }
        observer?(now)
    }

    func advance(by n: Int = 1) {
        let now = counts.withLockedValue {
            $0.done += n
            return $0
        }
        observer?(now)
    }
}

/// What a finished job leaves: the page that shows its result and a line saying what it did.
///
/// A job whose work ran to the end but refused its input (an import with errors) is
/// `refused`: the job is failed, `summary` is its error, and nothing was written.
struct JobResult: Sendable {
    var path: String?
    var summary: String
    var refused = false
    var detail: JobDetail?

    init(path: String? = nil, summary: String, detail: JobDetail? = nil) {
        self.path = path
        self.summary = summary
        self.detail = detail
    }

    /// The input was refused: nothing written, the page shows why.
    static func refused(_ summary: String, detail: JobDetail?) -> JobResult {
        var result = JobResult(summary: summary, detail: detail)
        result.refused = true
        return result
    }
}
