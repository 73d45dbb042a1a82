/// A mainland resident identity number (居民身份证号), GB 11643-1999, always held in its
/// normalised 18-character form.
///
/// Rosters still carry 15-digit numbers issued under GB 11643-1989 (no century, no check
/// character) and lower-case `x`; both are normalised here so that every comparison in the
/// system, from duplicate detection to bank reconciliation, compares like with like.
/// The address prefix is never checked: Shaodong's numbers start with 430521 before 2019 and
/// 430582 after, and people move.
public struct ResidentID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

    /// Validates and normalises: trims white space (including full-width), upper-cases `x`,
    /// converts 15 digits to 18, and verifies the birth date and check character.
    public init(validating raw: String) throws(ResidentIDError) {
        let trimmed = raw.trimmingIDWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        var bytes = Array(trimmed.utf8)
        if bytes.count == 15 {
            guard bytes.allSatisfy(ResidentID.isDigit) else { throw .invalidCharacters }
            bytes.insert(contentsOf: Array("19".utf8), at: 6)
            try ResidentID.checkBirthDate(bytes)
            bytes.append(ResidentID.checkCharacter(for: bytes))
            value = String(decoding: bytes, as: UTF8.self)
            return
        }
        guard bytes.count == 18 else {
            // 15 or 18 characters that are not 15 or 18 bytes hold something non-ASCII (a
            // full-width digit or Ｘ): that is a character error, not a length error.
            let length = trimmed.count
            throw length == 15 || length == 18 ? .invalidCharacters : .wrongLength(length)
        }
        if bytes[17] == UInt8(ascii: "x") { bytes[17] = UInt8(ascii: "X") }
        guard bytes[0..<17].allSatisfy(ResidentID.isDigit),
            ResidentID.isDigit(bytes[17]) || bytes[17] == UInt8(ascii: "X")
        else { throw .invalidCharacters }
        try ResidentID.checkBirthDate(bytes)
        let expected = ResidentID.checkCharacter(for: bytes)
        guard expected == bytes[17] else {
            throw .checkCharacterMismatch(
                expected: Character(UnicodeScalar(expected)), found: Character(UnicodeScalar(bytes[17])))
        }
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// The normalised form of `raw`, or nil when it is not a valid number.
    public static func normalized(_ raw: String) -> String? {
        try? ResidentID(validating: raw).value
    }

    /// The normalised form when valid; otherwise the trimmed, upper-cased text, so that files
    /// with bad IDs can still be compared key by key and the bad ones reported.
    public static func comparisonKey(_ raw: String) -> String {
        normalized(raw) ?? raw.trimmingIDWhitespace().uppercased()
    }

    /// The check character for the first 17 digits of `bytes`.
    package static func checkCharacter(for bytes: [UInt8]) -> UInt8 {
        var sum = 0
        for i in 0..<17 { sum += Int(bytes[i] - 48) * weights[i] }
        return checkCharacters[sum % 11]
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    static func checkBirthDate(_ bytes: [UInt8]) throws(ResidentIDError) {
        guard let date = birthDate(of: bytes), date.year >= 1850 else { throw .invalidBirthDate }
    }

    static func birthDate(of bytes: [UInt8]) -> CivilDate? {
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) } }
        return CivilDate(year: number(6..<10), month: number(10..<12), day: number(12..<14))
    }

    public var birthDate: CivilDate { ResidentID.birthDate(of: Array(value.utf8))! }

    /// Odd sequence digit = male (GB 11643).
    public var sex: Sex {
        let digit = Array(value.utf8)[16] - 48
        return digit % 2 == 1 ? .male : .female
    }

    /// The first 17 digits as one integer. The check character follows from them, so a valid
    /// number is identified exactly by 8 bytes (the register import keeps one per row of a
    /// file of a million) and is given back whole by `init(packed:)`.
    public var packed: UInt64 { ResidentID.packed(normalized: value) }

    /// `packed` of a number already normalised (the `value` of a `ResidentID`).
    public static func packed(normalized value: String) -> UInt64 {
        value.utf8.prefix(17).reduce(0) { $0 * 10 + UInt64($1 &- 48) }
    }

    /// The number whose `packed` form is `packed`.
    public init(packed: UInt64) {
        var bytes = [UInt8](repeating: 48, count: 17)
        var rest = packed
        for i in stride(from: 16, through: 0, by: -1) {
            bytes[i] = UInt8(48 + rest % 10)
            rest /= 10
        }
        bytes.append(ResidentID.checkCharacter(for: bytes))
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// The six-digit address code of the place that issued the number.
    public var addressCode: String { String(value.prefix(6)) }

    /// The number with its middle hidden, for lists printed or shown to people who need no more.
    public var masked: String { String(value.prefix(6)) + "********" + String(value.suffix(4)) }

    public var description: String { value }

    public static func < (lhs: ResidentID, rhs: ResidentID) -> Bool { lhs.value < rhs.value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(validating: raw)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Builds a valid number from an address code, a birth date and a three-digit sequence:
    /// the demo data set and tests need many real-looking numbers.
    public static func make(address: String, birth: CivilDate, sequence: Int) -> ResidentID {
        let body = address + String(format: "%04d%02d%02d%03d", birth.year, birth.month, birth.day, sequence % 1000)
        var bytes = Array(body.utf8)
        bytes.append(checkCharacter(for: bytes))
        return try! ResidentID(validating: String(decoding: bytes, as: UTF8.self))
    }
}

public enum ResidentIDError: Error, Equatable, Sendable {
    case empty
    case wrongLength(Int)
    case invalidCharacters
    case invalidBirthDate
    case checkCharacterMismatch(expected: Character, found: Character)

    /// The reason in Chinese, for row errors shown to office staff.
    public var message: String {
        switch self {
        case .empty: return "身份证号为空"
        case .wrongLength(let n): return "身份证号应为18位（或旧版15位），实际为\(n)位"
        case .invalidCharacters: return "身份证号只能由数字组成，最后一位可为X"
        case .invalidBirthDate: return "身份证号中的出生日期不存在"
        case .checkCharacterMismatch(let expected, let found):
            return "身份证号校验位错误：应为\(expected)，实际为\(found)"
        }
    }
}

public enum Sex: String, Codable, Sendable, CaseIterable {
    case male
    case female

    public var chinese: String { self == .male ? "男" : "女" }

    public init?(chinese: String) {
        switch chinese.trimmingIDWhitespace() {
        case "男", "男性", "M", "m", "male": self = .male
        case "女", "女性", "F", "f", "female": self = .female
        default: return nil
        }
    }
}

extension String {
    /// Trims ASCII white space and the full-width space U+3000 that Chinese keyboards produce.
    public func trimmingIDWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace || first == "\u{3000}" || first == "\u{FEFF}" {
            scalars.removeFirst()
        }
        while let last = scalars.last, last.properties.isWhitespace || last == "\u{3000}" {
            scalars.removeLast()
        }
        return String(scalars)
    }
}
