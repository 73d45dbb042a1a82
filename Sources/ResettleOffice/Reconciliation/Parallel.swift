import Foundation

/// Runs independent jobs on all cores and returns their results in job order.
///
/// Reconciliation has two kinds of independent work: reading the roll and the bank file, and
/// reconciling the shards. `DispatchQueue.concurrentPerform` spreads them over as many threads
/// as there are cores and returns when all are done, which keeps the public API synchronous
/// (the command line has no async context to offer).
enum Parallel {
    static func map<T: Sendable>(count: Int, _ job: @escaping @Sendable (Int) -> T) -> [T] {
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, job(index))
        }
        return results.values()
    }
}

/// One slot per job. Each slot is written once, by its own job, under a lock; read after all
/// jobs have finished.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    // @unchecked: `slots` is only touched with `lock` held.
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
    }

    func values() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
