/// The key under which a resident ID is compared during reconciliation, made cheap to hash.
///
/// A valid number is determined by its first 17 digits (the 18th is their check), and 17
/// digits fit in a `UInt64`, so valid numbers are keyed by that integer: no string allocation,
/// and hashing one word instead of eighteen bytes. Numbers that do not validate keep their
/// text key. The two key spaces cannot collide: an invalid text key is never a valid number
/// (`ResidentID.comparisonKey` would have normalised it).
///
/// The packed key of a valid number is equivalent to `ResidentID.comparisonKey`: two inputs
/// get the same key exactly when their comparison keys are equal, and `text(of:)` gives the
/// comparison key back. The fast path handles input that is already 18 clean ASCII
/// characters; everything else (blanks, 15 digits, lower-case x) goes through `ResidentID`.
enum IDKey: Hashable, Sendable {
    case packed(UInt64)
    case text(String)

    init(_ raw: String) {
        if let packed = IDKey.packFast(raw) {
            self = .packed(packed)
        } else if let normalised = ResidentID.normalized(raw), let packed = IDKey.packFast(normalised) {
            self = .packed(packed)
        } else {
            self = .text(ResidentID.comparisonKey(raw))
        }
    }

    /// The comparison key as text: the 18-character number for packed keys.
    var text: String {
        switch self {
        case .packed(let value): return IDKey.text(of: value)
        case .text(let text): return text
        }
    }

    /// The packed form of `raw` when it is exactly a valid, normalised-or-lower-x 18-character
    /// number with nothing around it; nil otherwise (not necessarily invalid: see `init`).
    /// Performs the same checks as `ResidentID(validating:)`: digits, real birth date from 1850,
    /// check character.
    static func packFast(_ raw: String) -> UInt64? {
        if let result = raw.utf8.withContiguousStorageIfAvailable(packFast(bytes:)) { return result }
        // Bridged or foreign strings: make them native once and retry.
        var copy = raw
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable(packFast(bytes:)) ?? nil
    }

    static func packFast(bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count == 18 else { return nil }
        var value: UInt64 = 0
        var sum = 0
        for i in 0..<17 {
            let digit = bytes[i] &- 48
            guard digit <= 9 else { return nil }
            value = value &* 10 &+ UInt64(digit)
            sum &+= Int(digit) &* ResidentID.weights[i]
        }
        var last = bytes[17]
        if last == UInt8(ascii: "x") { last = UInt8(ascii: "X") }
        guard ResidentID.checkCharacters[sum % 11] == last else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] &- 48) } }
        guard let birth = CivilDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)),
            birth.year >= 1850
        else { return nil }
        return value
    }

    /// The 18-character number whose first 17 digits are `value`.
    static func text(of value: UInt64) -> String {
        var digits = [UInt8](repeating: 48, count: 18)
        var rest = value
        var sum = 0
        for i in stride(from: 16, through: 0, by: -1) {
            digits[i] = UInt8(48 + rest % 10)
            rest /= 10
        }
        for i in 0..<17 { sum += Int(digits[i] - 48) * ResidentID.weights[i] }
        digits[17] = ResidentID.checkCharacters[sum % 11]
        return String(decoding: digits, as: UTF8.self)
    }
}
