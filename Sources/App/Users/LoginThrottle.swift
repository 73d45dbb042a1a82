import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Failed logins kept in memory: per client address (a guesser trying many names from one
/// machine is slowed whatever names it tries) and per unknown user name (so an unknown name
/// locks exactly like a real one and the answers do not tell them apart). Both are bounded in
/// size; a restart forgets them, which only ever helps a legitimate user.
final class LoginThrottle: Sendable {
    /// Failures allowed from one address in `window` before it must wait out the window.
    let addressLimit: Int
    let window: TimeInterval
    /// Entries kept at most, so a flood of made-up names or addresses cannot grow memory.
    static let capacity = 10_000

    private struct Failures {
        var count: Int
        var first: Date
        var lockedUntil: Date?
    }
    private let addresses = NIOLockedValueBox<[String: Failures]>([:])
    private let unknownNames = NIOLockedValueBox<[String: Failures]>([:])

    init(addressLimit: Int = 30, window: TimeInterval = 15 * 60) {
        self.addressLimit = addressLimit
        self.window = window
    }

    /// The peer's IP address. Behind a reverse proxy all clients share the proxy's address; the
    /// per-account lock still applies to each account.
    static func clientKey(_ req: Request) -> String {
        req.remoteAddress?.ipAddress ?? "local"
    }

    /// Until when this address must wait, or nil.
    func addressBlocked(_ address: String, now: Date) -> Date? {
        addresses.withLockedValue { map in
            guard let f = map[address] else { return nil }
            if now.timeIntervalSince(f.first) > window {
                map[address] = nil
                return nil
            }
            return f.count >= addressLimit ? f.first.addingTimeInterval(window) : nil
        }
    }

    func recordFailure(address: String, now: Date) {
        addresses.withLockedValue { map in
            if var f = map[address], now.timeIntervalSince(f.first) <= window {
                f.count += 1
                map[address] = f
            } else {
                Self.makeRoom(&map, now: now, window: window)
                map[address] = Failures(count: 1, first: now, lockedUntil: nil)
            }
        }
    }

    func unknownNameLocked(_ name: String, now: Date) -> Date? {
        unknownNames.withLockedValue { map in
            guard let until = map[name]?.lockedUntil else { return nil }
            if until <= now {
                map[name] = nil
                return nil
            }
            return until
        }
    }

    /// Counts a failure for a name that does not exist; returns the lock's end once the count
    /// reaches `attempts`, as for a real account.
    func recordUnknownNameFailure(_ name: String, attempts: Int, minutes: Int, now: Date) -> Date? {
        unknownNames.withLockedValue { map in
            var f =
                map[name]
                ?? {
                    Self.makeRoom(&map, now: now, window: Double(minutes) * 60)
                    return Failures(count: 0, first: now, lockedUntil: nil)
                }()
            f.count += 1
            var until: Date?
            if f.count >= attempts {
                until = now.addingTimeInterval(Double(minutes) * 60)
                f = Failures(count: 0, first: now, lockedUntil: until)
            }
            map[name] = f
            return until
        }
    }

    /// Drops stale entries, and the oldest ones if still full.
    private static func makeRoom(_ map: inout [String: Failures], now: Date, window: TimeInterval) {
        guard map.count >= capacity else { return }
        map = map.filter { now.timeIntervalSince($0.value.first) <= window || ($0.value.lockedUntil ?? now) > now }
        if map.count >= capacity {
            for key in map.sorted(by: { $0.value.first < $1.value.first }).prefix(capacity / 10).map(\.key) {
                map[key] = nil
            }
        }
    }
}

extension Application {
    private struct LoginThrottleKey: StorageKey { typealias Value = LoginThrottle }

    /// Set up in `configure`, before the server takes requests.
    var loginThrottle: LoginThrottle {
        get {
            guard let throttle = storage[LoginThrottleKey.self] else {
                fatalError("configure() sets up the login throttle")
            }
            return throttle
        }
        set { storage[LoginThrottleKey.self] = newValue }
    }
}
