/// An administrative-division code (GB/T 2260 plus the statistics bureau's extension):
/// county 6 digits, township 9, village 12. Resettlement groups (组) have no national code;
/// this system numbers them inside their village with three more digits (15).
public struct RegionCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    public init?(_ raw: String) {
        let trimmed = raw.trimmingIDWhitespace()
        guard RegionLevel(length: trimmed.count) != nil, trimmed.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { return nil }
        value = trimmed
    }

    public var level: RegionLevel { RegionLevel(length: value.count)! }

    /// The code of the enclosing region, from the prefix; nil for a county.
    public var parent: RegionCode? {
        switch level {
        case .county: return nil
        case .township: return RegionCode(String(value.prefix(6)))
        case .village: return RegionCode(String(value.prefix(9)))
        case .group: return RegionCode(String(value.prefix(12)))
        }
    }

    /// True when `self` is `other` or lies inside it.
    public func isWithin(_ other: RegionCode) -> Bool { value.hasPrefix(other.value) }

    public var description: String { value }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.value < rhs.value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let code = RegionCode(raw) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "bad region code \(raw)"))
        }
        self = code
    }
}

public enum RegionLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case county
    case township
    case village
    case group

    public init?(length: Int) {
        switch length {
        case 6: self = .county
        case 9: self = .township
        case 12: self = .village
        case 15: self = .group
        default: return nil
        }
    }

    public var codeLength: Int {
        switch self {
        case .county: return 6
        case .township: return 9
        case .village: return 12
        case .group: return 15
        }
    }

    public var chinese: String {
        switch self {
        case .county: return "县（市）"
        case .township: return "乡镇（街道）"
        case .village: return "村（社区）"
        case .group: return "组"
        }
    }

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool { lhs.codeLength < rhs.codeLength }
}
