/// The county's random sample of accepted projects for spot-checking (抽查复核). The draw is a
/// function of the candidates, the rate and the seed only, so a recorded draw can be shown
/// again and anyone can verify that the county did not choose which projects to check.
public enum SpotCheckSample {
    /// How many of `count` candidates a rate in percent samples: rounded up, at least one
    /// when there are candidates and the rate is above zero.
    public static func size(of count: Int, ratePercent: Int) -> Int {
        guard count > 0, ratePercent > 0 else { return 0 }
        return min(count, (count * min(ratePercent, 100) + 99) / 100)
    }

    /// The drawn candidates, in the candidates' order. Candidates are sorted first (by their
    /// codes), so the order they were fetched in does not change the draw.
    public static func draw(_ candidates: [String], ratePercent: Int, seed: UInt64) -> [String] {
        var pool = Array(Set(candidates)).sorted()
        let n = size(of: pool.count, ratePercent: ratePercent)
        var random = SeededRandom(seed: seed)
        // A partial Fisher–Yates shuffle: the first n places are the sample.
        for i in 0..<n {
            let j = i + random.below(pool.count - i)
            pool.swapAt(i, j)
        }
        return pool.prefix(n).sorted()
    }
}
