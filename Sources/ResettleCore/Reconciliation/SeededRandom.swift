/// A seedable generator (SplitMix64) so that generated fixtures are the same on every machine
/// and every run: a benchmark or a failing test can be reproduced from its seed alone. Not for
/// anything that needs unpredictability.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound, for bound > 0.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability perThousand/1000.
    mutating func chance(perThousand: Int) -> Bool { below(1000) < perThousand }
}
