import Fluent
import ResettleCore
import SQLKit

/// All regions in memory (a county has a few hundred), to resolve names or codes in files and
/// forms without a query per row.
struct RegionDirectory: Sendable {
    struct Entry: Sendable, Hashable {
        var code: String
        var name: String
        var level: RegionLevel
        var parentCode: String?
    }

    private(set) var byCode: [String: Entry] = [:]
    private var townshipsByName: [String: [String]] = [:]
    private var villagesByTownshipAndName: [String: String] = [:]

    init(entries: [Entry]) {
        for entry in entries {
            byCode[entry.code] = entry
            switch entry.level {
            case .township: townshipsByName[entry.name, default: []].append(entry.code)
            case .village:
                if let parent = entry.parentCode { villagesByTownshipAndName[parent + "|" + entry.name] = entry.code }
            default: break
            }
        }
    }

    static func load(on db: any Database) async throws -> RegionDirectory {
        struct Row: Decodable {
            let code: String
            let name: String
            let level: String
            let parent_code: String?
        }
        let rows = try await (db as! any SQLDatabase).raw("SELECT code, name, level, parent_code FROM regions").all(decoding: Row.self)
        return RegionDirectory(entries: rows.compactMap { row in
            RegionLevel(rawValue: row.level).map { Entry(code: row.code, name: row.name, level: $0, parentCode: row.parent_code) }
        })
    }

    /// A township by code or by name. Names are unique within a county in practice; if two
    /// townships share one, the code must be used.
    func township(_ text: String) -> String? {
        if let entry = byCode[text], entry.level == .township { return entry.code }
        if let codes = townshipsByName[text], codes.count == 1 { return codes[0] }
        return nil
    }

    /// A village of `townshipCode` by code or name.
    func village(_ text: String, in townshipCode: String) -> String? {
        if let entry = byCode[text], entry.level == .village, entry.parentCode == townshipCode { return entry.code }
        return villagesByTownshipAndName[townshipCode + "|" + text]
    }

    func name(_ code: String?) -> String {
        guard let code else { return "" }
        return byCode[code]?.name ?? code
    }

    var townships: [Entry] { byCode.values.filter { $0.level == .township }.sorted { $0.code < $1.code } }

    func villages(of townshipCode: String) -> [Entry] {
        byCode.values.filter { $0.level == .village && $0.parentCode == townshipCode }.sorted { $0.code < $1.code }
    }

    /// `3`, `3组`, `03` or a 15-digit code → the group's 15-digit code inside `villageCode`.
    static func groupCode(_ text: String, village villageCode: String) -> String? {
        if text.count == 15, text.hasPrefix(villageCode), text.allSatisfy(\.isNumber) { return text }
        var digits = text
        if digits.hasSuffix("组") { digits.removeLast() }
        if digits.hasPrefix("第") { digits.removeFirst() }
        guard let n = Int(digits), (1...999).contains(n) else { return nil }
        return villageCode + (n < 10 ? "00" : n < 100 ? "0" : "") + String(n)
    }
}
