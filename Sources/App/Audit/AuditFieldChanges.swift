import Foundation

/// One recorded field of an audit entry, before and after, in words.
struct AuditFieldChange: Sendable, Equatable {
    var field: String
    var before: String
    var after: String
}

/// The fields an entry changed, read from its before and after JSON: every filled field of a
/// record that was created (no before) or removed (no after), otherwise only the fields whose
/// value differs. Record ids are left out (the object column names the record), and values
/// that are not objects (a bare `null`) contribute nothing.
enum AuditFieldChanges {
    /// Ids of records, which the object column already names in words.
    static let hidden: Set<String> = ["id", "personID"]

    static func of(before: String, after: String, regions: RegionDirectory) -> [AuditFieldChange] {
        let old = fields(before)
        let new = fields(after)
        let keys = AuditVocabulary.ordered(Set(old.keys).union(new.keys).subtracting(hidden))
        return keys.compactMap { key in
            let b = old[key].flatMap(Self.filled)
            let a = new[key].flatMap(Self.filled)
            if b == a { return nil }
            return AuditFieldChange(
                field: AuditVocabulary.field(key),
                before: b.map { AuditVocabulary.value(key, $0, regions: regions) } ?? "—",
                after: a.map { AuditVocabulary.value(key, $0, regions: regions) } ?? "—")
        }
    }

    /// A value that says something: not empty, not an empty object or list.
    private static func filled(_ value: String) -> String? {
        value.isEmpty || value == "{}" || value == "[]" ? nil : value
    }

    /// `姓名：张三 → 张四；状态：在册 → 已调减`, for the export's one cell.
    static func line(_ changes: [AuditFieldChange]) -> String {
        changes.map { "\($0.field)：\($0.before) → \($0.after)" }.joined(separator: "；")
    }

    /// The top-level fields of a JSON object as text; a nested value as compact JSON.
    static func fields(_ json: String) -> [String: String] {
        guard let object = try? JSONDecoder().decode([String: Value].self, from: Data(json.utf8)) else { return [:] }
        return object.mapValues(\.text)
    }

    /// A recorded value, read as text whatever its JSON type.
    private struct Value: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                text = ""
            } else if let s = try? c.decode(String.self) {
                text = s
            } else if let b = try? c.decode(Bool.self) {
                text = b ? "true" : "false"
            } else if let i = try? c.decode(Int64.self) {
                text = String(i)
            } else if let d = try? c.decode(Double.self) {
                text = String(d)
            } else if let nested = try? c.decode([String: Value].self) {
                text = nested.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.text)" }.joined(separator: ", ")
            } else if let list = try? c.decode([Value].self) {
                text = list.map(\.text).joined(separator: ", ")
            } else {
                text = ""
            }
        }
    }
}
