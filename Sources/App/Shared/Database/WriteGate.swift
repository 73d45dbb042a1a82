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
    /// Runs after each body, still inside the gate: the body's transactions are over, so what
    /// they committed can be recorded outside the database (the audit anchor) in order.
    nonisolated private let afterRun: (@Sendable () async -> Void)?

    init(afterRun: (@Sendable () async -> Void)? = nil) {
        self.afterRun = afterRun
    }

    func acquire() async {
        if !locked {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }
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
        get {
            if let gate = storage[WriteGateKey.self] { return gate }
            let gate = WriteGate(afterRun: { [weak self] in
                guard let app = self, let trail = app.auditTrail else { return }
                await trail.flushAnchor(on: app.db, logger: app.logger)
            })
            storage[WriteGateKey.self] = gate
            return gate
        }
    }
}
