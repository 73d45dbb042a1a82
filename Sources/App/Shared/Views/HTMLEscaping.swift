/// Escaping of text and attribute values for HTML.
///
/// Plot escapes text nodes but writes attribute values as given, so any value that can hold
/// user data (a search query, a name from an imported file) is escaped here, once. The same
/// escaping serves text written outside Plot (`DataTable`): `& " ' < >` become entities, so
/// the result is safe both between tags and inside a quoted attribute.
enum HTMLAttribute {
    static func escape(_ value: String) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    /// Appends `value` escaped. Most values (names, codes, figures) hold none of the five
    /// characters and are appended whole; only the others are rebuilt byte by byte.
    static func append(_ value: String, to out: inout String) {
        let utf8 = value.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x22 || $0 == 0x27 || $0 == 0x3C || $0 == 0x3E }) else {
            out += value
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&#39;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            default: bytes.append(byte)
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
    }
}

/// Markup written straight into a string, for the leaf components every page repeats many
/// times (table cells, select options, fields). Plot renders each component through
/// reflection and a renderer of its own, and even a plain node costs a renderer and a buffer
/// per element; written here, a 50-row list costs a fraction of that. Every text and
/// attribute value goes through `HTMLAttribute.append`.
struct HTMLWriter {
    private(set) var html = ""

    init(capacity: Int = 256) { html.reserveCapacity(capacity) }

    /// `<name a="v" …>`; attributes with a nil value are left out, an empty string writes the
    /// bare attribute name (as in `required`).
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        html += "<"
        html += name
        for (key, value) in attributes {
            guard let value else { continue }
            html += " "
            html += key
            if value.isEmpty { continue }
            html += "=\""
            HTMLAttribute.append(value, to: &html)
            html += "\""
        }
        html += ">"
    }

    mutating func close(_ name: String) {
        html += "</"
        html += name
        html += ">"
    }

    mutating func text(_ value: String) { HTMLAttribute.append(value, to: &html) }

    /// `<name …>text</name>`.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text value: String) {
        open(name, attributes)
        text(value)
        close(name)
    }
}
