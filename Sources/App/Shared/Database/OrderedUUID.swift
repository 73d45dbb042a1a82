import Foundation

/// UUIDs in increasing order (RFC 9562 version 7: a millisecond timestamp, then a counter),
/// for bulk inserts. A random UUID sends every insert to a random page of the primary-key
/// index; ordered ones append, which is what keeps a million-row import in seconds.
struct OrderedUUIDGenerator {
    private let millis: UInt64
    private var counter: UInt64
    private let salt: UInt64

    init(now: Date = Date()) {
        millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        counter = 0
        salt = UInt64.random(in: 0..<(1 << 16))
    }

    /// The next UUID, greater than the previous one from this generator.
    mutating func next() -> UUID {
        counter += 1
        // 48 bits time | version 7 | 12 bits of counter high | variant | 62 bits: counter low and salt.
        let high = (millis << 16) | 0x7000 | ((counter >> 50) & 0x0FFF)
        let low = (UInt64(0b10) << 62) | ((counter & ((1 << 46) - 1)) << 16) | salt
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(i)))
        }
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
