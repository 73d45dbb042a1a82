import Foundation

/// Statements for one connection (a transaction's), run one at a time in the order they were
/// queued, while the caller goes on with CPU work: a bulk job reads the next page and writes the
/// previous one on the database's thread while it decides the current page on another core.
///
/// Use from one task. Every queued statement must have finished before the transaction ends:
/// call `drain()` on every path out, including errors (see `finish`).
final class DatabaseQueue: @unchecked Sendable {
    private var tail: Task<Void, Never>?

    /// Queues `operation` after everything queued before it.
    func enqueue<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) -> Task<T, any Error> {
        let previous = tail
        let task = Task<T, any Error> {
            await previous?.value
            return try await operation()
        }
        tail = Task { _ = try? await task.value }
        return task
    }

    /// Waits until everything queued has finished, successfully or not.
    func drain() async {
        await tail?.value
    }
}
