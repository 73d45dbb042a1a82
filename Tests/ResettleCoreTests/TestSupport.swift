import ResettleCore

/// A seedable generator so that "random" tests are reproducible: a failure prints the same
/// inputs on every run. SplitMix64 (Steele, Lea & Flood), written here rather than taken from
/// the library so the tests do not lean on the code they check.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An independent implementation of the GB 11643-1999 check character, used to confirm the
/// library's table-driven one. The weights are derived from their definition, Wᵢ = 2^(17-i)
/// mod 11, and the check value from (12 − S mod 11) mod 11, instead of the two lookup tables
/// the library uses.
enum IndependentID {
    static func checkCharacter(forFirst17 digits: String) -> Character {
        precondition(digits.count == 17)
        var sum = 0
        for (i, ch) in digits.enumerated() {
            var weight = 1
            for _ in 0..<(17 - i) { weight = weight * 2 % 11 }
            sum += ch.wholeNumberValue! * weight
        }
        let value = (12 - sum % 11) % 11
        return value == 10 ? "X" : Character(String(value))
    }

    /// The 18-character form of a 15-character number: insert the century, append the check.
    static func upgrade(_ fifteen: String) -> String {
        let body = String(fifteen.prefix(6)) + "19" + String(fifteen.dropFirst(6))
        return body + String(checkCharacter(forFirst17: body))
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// A random valid number: a real-looking address, a real birth date, any sequence.
    static func random(using rng: inout SeededGenerator) -> String {
        let addresses = ["430521", "430582", "110105", "440524", "430503", "510107"]
        let address = addresses[Int.random(in: 0..<addresses.count, using: &rng)]
        let year = Int.random(in: 1900...2023, using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(in: 1...28, using: &rng)
        let sequence = Int.random(in: 0...999, using: &rng)
        let body = address + pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(sequence, 3)
        return body + String(checkCharacter(forFirst17: body))
    }
}

func date(_ text: String) -> CivilDate {
    guard let d = CivilDate(parsing: text) else { fatalError("bad test date \(text)") }
    return d
}

func quarter(_ year: Int, _ index: Int) -> PaymentPeriod {
    PaymentPeriod(year: year, index: index, periodsPerYear: 4)!
}
