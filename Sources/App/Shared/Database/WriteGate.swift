import Vapor

/// Serialises write transactions inside one process.
///
/// SQLite allows one writer at a time; two pooled connections that both start a deferred
/// transaction and then write would make one fail with SQLITE_BUSY_SNAPSHOT instead of
/// waiting. The audit chain also needs "read the last hash, append the next" to happen alone.
/// PostgreSQL deployments additionally take an advisory lock for the audit chain, so several
/// server processes stay correct too.
package actor WriteGate {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// Told of every wait and hold (the application's metrics); see `observe`.
    private var observer: (any WriteGateObserver)?
    /// When the writer that holds the gate got it.
    private var heldSince = ContinuousClock.now
    /// Runs after each body, still inside the gate: the body's transactions are over, so what
    /// they committed can be recorded outside the database (the audit anchor) in order.
    nonisolated private let afterRun: (@Sendable () async -> Void)?

    init(afterRun: (@Sendable () async -> Void)? = nil) {
        self.afterRun = afterRun
    }

    /// Tells `observer` from now on how long writers wait for the gate and hold it.
    func observe(_ observer: any WriteGateObserver) {
        self.observer = observer
    }

    func acquire() async {
        if !locked {
            locked = true
            heldSince = .now
            observer?.writeGate(busy: true, waiting: 0)
            observer?.writeGateWaited(.zero)
            return
        }
        let asked = ContinuousClock.now
        await withCheckedContinuation {
            waiters.append($0)
            observer?.writeGate(busy: true, waiting: waiters.count)
        }
        observer?.writeGateWaited(.now - asked)
    }

    func release() {
        let now = ContinuousClock.now
        observer?.writeGateHeld(now - heldSince)
        if waiters.isEmpty {
            locked = false
        } else {
            heldSince = now
            waiters.removeFirst().resume()
        }
        observer?.writeGate(busy: locked, waiting: waiters.count)
    }
}

/// What the write gate reports: since every write goes through it, its line is where the
/// database's load shows first.
package protocol WriteGateObserver: Sendable {
    /// Whether a writer holds the gate, and how many wait for it, after each change.
    func writeGate(busy: Bool, waiting: Int)
    /// A writer got the gate after waiting this long (zero when it was free).
    func writeGateWaited(_ wait: Duration)
    /// A writer let go of the gate after holding it this long.
    func writeGateHeld(_ hold: Duration)
}

extension WriteGate {
    package nonisolated func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await afterRun?()
            await release()
            return result
        } catch {
            // A body may have committed one transaction before failing in a later one.
            await afterRun?()
            await release()
            throw error
        }
    }
}

extension Application {
    private struct WriteGateKey: StorageKey {
        typealias Value = WriteGate
    }

    package var writeGate: WriteGate {
        if let gate = storage[WriteGateKey.self] { return gate }
        let gate = WriteGate(afterRun: { [weak self] in
            guard let app = self, let trail = app.auditTrail else { return }
            await trail.flushAnchor(on: app.db, logger: app.logger)
        })
        storage[WriteGateKey.self] = gate
        return gate
    }
}
