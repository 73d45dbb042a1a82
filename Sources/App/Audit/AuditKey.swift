import Crypto
import Foundation

/// The secret that signs every audit row. It lives in a file on the application host and never
/// in the database, so someone who can write the database (or a copy of it) can rewrite rows
/// and recompute the hash chain, but cannot produce the matching MACs.
struct AuditKey: @unchecked Sendable {
    // SymmetricKey is an immutable value; it is only unchecked because the type does not declare it.
    let symmetric: SymmetricKey

    init(bytes: some ContiguousBytes) {
        symmetric = SymmetricKey(data: bytes)
    }

    /// A fresh key that exists only in memory (tests).
    static func random() -> AuditKey {
        AuditKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// HMAC-SHA256 of a row's chain hash, as lowercase hex.
    func mac(ofHash hash: String) -> String {
        Hex.string(HMAC<SHA256>.authenticationCode(for: Data(hash.utf8), using: symmetric))
    }

    /// Reads the key file, or creates it (32 random bytes as 64 hex digits, mode 0600) when it
    /// does not exist yet. Two processes starting at once cannot make two keys: creation is
    /// exclusive and the loser reads the winner's file.
    static func loadOrCreate(at path: String) throws -> AuditKey {
        if let key = try read(at: path) { return key }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST, let key = try read(at: path) { return key }
            throw AuditKeyError("无法创建审计密钥文件 \(path)：\(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let text = Array((Hex.string(fresh) + "\n").utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == text.count, fsync(fd) == 0 else {
            throw AuditKeyError("无法写入审计密钥文件 \(path)：\(String(cString: strerror(errno)))")
        }
        return AuditKey(bytes: fresh)
    }

    private static func read(at path: String) throws -> AuditKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditKeyError("无法读取审计密钥文件 \(path)：请检查文件权限")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.bytes(text), bytes.count == 32 else {
            // An empty or damaged key must not be replaced silently: every existing MAC depends on it.
            throw AuditKeyError("审计密钥文件 \(path) 内容无效（应为64位十六进制数）：请从备份恢复该文件")
        }
        return AuditKey(bytes: bytes)
    }
}

struct AuditKeyError: Error, CustomStringConvertible, LocalizedError {
    let description: String
    init(_ description: String) { self.description = description }
    var errorDescription: String? { description }
}

/// Lowercase hex, without `String(format:)` per byte: the verifier encodes two digests per
/// audit row and a million rows must stay fast.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func bytes(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
