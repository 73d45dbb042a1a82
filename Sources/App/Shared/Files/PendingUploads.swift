import Foundation

/// An uploaded file waiting for the user to match its columns, kept in the temporary directory
/// under its SHA-256 so the mapping form need not send it again. Nothing here is an import: the
/// file is archived only when it is actually imported.
enum PendingUploads {
    static var directory: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("resettle-pending-uploads", isDirectory: true)
    }

    static func keep(_ data: Data) throws -> String {
        let sha = Secrets.sha256Hex(data)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try data.write(to: directory.appendingPathComponent(sha), options: .atomic)
        return sha
    }

    /// Only a 64-character hex name is looked up, so a form cannot name any other file.
    static func load(sha256: String) -> Data? {
        guard sha256.count == 64, sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(sha256)),
            Secrets.sha256Hex(data) == sha256
        else {
            return nil
        }
        return data
    }

    static func remove(sha256: String) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(sha256))
    }
}
