import Logging
import Vapor

/// Wraps the log handler so that no logged value can start a line of its own. A user name,
/// a file name or a header may hold a newline; written verbatim it would forge a log line
/// ("login ok for admin"). Every message and metadata value is escaped here, once, for all
/// log calls in the application.
struct EscapingLogHandler: LogHandler {
    var wrapped: any LogHandler

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        wrapped.log(
            level: level, message: "\(Self.escape(message.description))",
            metadata: metadata.map(Self.escape), source: source, file: file, function: function, line: line)
    }

    /// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators become
    /// visible escapes: `\n`, `\r`, `\t`, `\u{1B}`.
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where needsEscape(scalar): out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    static func escape(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.mapValues(escape)
    }

    static func escape(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let s): return .string(escape(s))
        case .stringConvertible(let c): return .string(escape(c.description))
        case .array(let items): return .array(items.map(escape))
        case .dictionary(let d): return .dictionary(d.mapValues(escape))
        }
    }
}

public enum ResettleLogging {
    /// Vapor's console logging (level from `--log` or `LOG_LEVEL`), with every logged value
    /// escaped by `EscapingLogHandler`.
    public static func bootstrap(from environment: inout Environment) throws {
        try LoggingSystem.bootstrap(from: &environment) { level in
            let console = Terminal()
            return { label in
                EscapingLogHandler(wrapped: ConsoleLogger(label: label, console: console, level: level))
            }
        }
    }
}
