import Foundation

/// A JSON value as decoded by `JSONDecoder`, which keeps `true` apart from `1` and `1` apart
/// from `1.5` (`JSONSerialization` on Linux gives `NSNumber` for all three).
enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var object: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    var array: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    var string: String? { if case .string(let s) = self { return s } else { return nil } }
    var integer: Int64? { if case .integer(let n) = self { return n } else { return nil } }

    /// The JSON Schema type names this value has (an integer is also a number).
    var typeNames: Set<String> {
        switch self {
        case .null: return ["null"]
        case .bool: return ["boolean"]
        case .integer: return ["integer", "number"]
        case .number(let d): return d.rounded() == d ? ["integer", "number"] : ["number"]
        case .string: return ["string"]
        case .array: return ["array"]
        case .object: return ["object"]
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .integer(let i): return "\(i)"
        case .number(let d): return "\(d)"
        case .string(let s): return "\"\(s)\""
        case .array(let a): return "[\(a.count) items]"
        case .object(let o): return "{\(o.keys.sorted().joined(separator: ","))}"
        }
    }
}

/// Checks JSON values against the schemas of an OpenAPI 3.1 document (JSON Schema 2020-12,
/// the keywords the document uses). A keyword it does not know is itself reported, so a schema
/// can never pass because the checker skipped part of it.
struct JSONSchemaChecker {
    let document: JSONValue

    /// Keywords that only annotate.
    static let annotations: Set<String> = [
        "description", "title", "examples", "example", "deprecated", "readOnly", "writeOnly", "default",
    ]

    /// Every way `value` breaks `schema`, each with the JSON path where it does; empty when it conforms.
    func violations(of value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let s) = schema else {
            if case .bool(let allowed) = schema { return allowed ? [] : ["\(path): no value is allowed here"] }
            return ["\(path): schema is not an object"]
        }
        var found: [String] = []
        for (keyword, argument) in s {
            switch keyword {
            case "$ref":
                guard let target = argument.string.flatMap(resolve) else {
                    found.append("\(path): $ref \(argument) does not resolve")
                    continue
                }
                found += violations(of: value, against: target, at: path)
            case "type":
                let allowed = argument.array?.compactMap(\.string) ?? argument.string.map { [$0] } ?? []
                if value.typeNames.isDisjoint(with: allowed) {
                    found.append("\(path): \(value) is not of type \(allowed.joined(separator: " or "))")
                }
            case "enum":
                if !(argument.array ?? []).contains(value) {
                    found.append("\(path): \(value) is not one of \(argument.array ?? [])")
                }
            case "const":
                if argument != value { found.append("\(path): \(value) is not \(argument)") }
            case "required":
                guard case .object(let o) = value else { continue }
                for key in argument.array?.compactMap(\.string) ?? [] where o[key] == nil {
                    found.append("\(path): required key \(key) is missing")
                }
            case "properties":
                guard case .object(let o) = value, case .object(let properties) = argument else { continue }
                for (key, propertySchema) in properties {
                    if let member = o[key] {
                        found += violations(of: member, against: propertySchema, at: "\(path).\(key)")
                    }
                }
            case "additionalProperties":
                guard case .object(let o) = value else { continue }
                let declared = Set(s["properties"]?.object?.keys.map { $0 } ?? [])
                for (key, member) in o where !declared.contains(key) {
                    if argument == .bool(false) {
                        found.append("\(path): key \(key) is not in the schema")
                    } else {
                        found += violations(of: member, against: argument, at: "\(path).\(key)")
                    }
                }
            case "items":
                guard case .array(let a) = value else { continue }
                for (i, element) in a.enumerated() {
                    found += violations(of: element, against: argument, at: "\(path)[\(i)]")
                }
            case "format":
                if case .string(let text) = value, let format = argument.string, !Self.matches(text, format: format) {
                    found.append("\(path): \(value) is not a \(format)")
                }
            case "pattern":
                if case .string(let text) = value, let pattern = argument.string,
                    text.range(of: pattern, options: .regularExpression) == nil
                {
                    found.append("\(path): \(value) does not match \(pattern)")
                }
            case "minimum", "maximum":
                guard let bound = Self.number(argument), let n = Self.number(value) else { continue }
                if keyword == "minimum" ? n < bound : n > bound {
                    found.append("\(path): \(value) is out of range (\(keyword) \(argument))")
                }
            case "minLength", "maxLength":
                guard case .string(let text) = value, let bound = Self.number(argument) else { continue }
                let count = Double(text.count)
                if keyword == "minLength" ? count < bound : count > bound {
                    found.append("\(path): \(value) breaks \(keyword) \(argument)")
                }
            case "anyOf", "oneOf":
                let matching = (argument.array ?? []).filter { violations(of: value, against: $0, at: path).isEmpty }
                    .count
                if keyword == "anyOf" ? matching == 0 : matching != 1 {
                    found.append("\(path): \(value) matches \(matching) of \(keyword)")
                }
            case "allOf":
                for part in argument.array ?? [] { found += violations(of: value, against: part, at: path) }
            case _ where Self.annotations.contains(keyword):
                continue
            default:
                found.append("\(path): the checker does not know the keyword \(keyword)")
            }
        }
        return found
    }

    /// `#/components/schemas/Name` and any other local JSON pointer.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") {
            node = node?[part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return node
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    static func matches(_ text: String, format: String) -> Bool {
        switch format {
        case "uuid": return UUID(uuidString: text) != nil
        case "date":
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
            else { return false }
            return (1...12).contains(month) && (1...31).contains(day)
        default: return true
        }
    }
}
