import Foundation

/// One chain head as written outside the database: the last audit row a committed write left.
struct AuditAnchor: Sendable, Equatable {
    var seq: Int
    var hash: String
    var mac: String
}

/// The chain heads, one line per committed write, in a file only ever appended to
/// (`seq<TAB>hash<TAB>mac<TAB>time`). A row the file names must still be in the table with the
/// same hash: deleting the newest rows, or restoring an older database, leaves the file naming
/// rows that are gone. Ship the file off the host (or make it `chattr +a`) to keep it beyond
/// the reach of whoever can write the database.
struct AuditAnchorFile: Sendable {
    let path: String

    /// Appends one line with O_APPEND and fsync, so a line is either whole on disk or absent and
    /// several processes on one host never overwrite each other's lines.
    func append(_ anchor: AuditAnchor, at date: Date = Date()) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let line = Array("\(anchor.seq)\t\(anchor.hash)\t\(anchor.mac)\t\(AuditLog.timestamp(date))\n".utf8)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AuditKeyError("无法打开审计锚定文件 \(path)：\(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else {
            throw AuditKeyError("无法写入审计锚定文件 \(path)：\(String(cString: strerror(errno)))")
        }
    }

    struct Line: Sendable, Equatable {
        var number: Int
        var anchor: AuditAnchor
    }

    enum ReadError: Error, Equatable {
        case unreadable(String)
        case malformed(line: Int)
    }

    /// Every line; a missing file is no anchors yet. A last line without its newline is a write
    /// cut off by a crash and is skipped; any other line that does not parse is an error.
    func read() -> Result<[Line], ReadError> {
        guard FileManager.default.fileExists(atPath: path) else { return .success([]) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.unreadable("无法读取审计锚定文件 \(path)：请检查文件权限"))
        }
        var lines: [Line] = []
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            // After the last newline: nothing, or a line cut off by a crash mid-write.
            if index == parts.count - 1 { break }
            let fields = part.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let seq = Int(fields[0]), seq > 0,
                fields[1].utf8.count == 64, fields[2].utf8.count == 64
            else { return .failure(.malformed(line: index + 1)) }
            lines.append(
                Line(number: index + 1, anchor: AuditAnchor(seq: seq, hash: String(fields[1]), mac: String(fields[2]))))
        }
        return .success(lines)
    }
}
