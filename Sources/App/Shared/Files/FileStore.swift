import Foundation
import Vapor

/// Files kept under the data directory (`files/ab/abcdef…`), named by their SHA-256: photos and
/// scans of the project archive, which the database only catalogues (`ArchivedFile` with an
/// empty content). A file is written to a temporary name and renamed into place, so a crash
/// leaves either the whole file or none; the same bytes stored twice are one file. Reading
/// checks the bytes against their name, so a damaged or replaced file is refused, not served.
struct FileStore: Sendable {
    let root: URL

    func url(of sha256: String) -> URL {
        root.appendingPathComponent(String(sha256.prefix(2)), isDirectory: true).appendingPathComponent(sha256)
    }

    func put(_ data: Data, sha256: String) throws {
        let target = url(of: sha256)
        let manager = FileManager.default
        if let size = try? manager.attributesOfItem(atPath: target.path)[.size] as? Int, size == data.count { return }
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target, options: .atomic)
    }

    func read(sha256: String, size: Int, fileName: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url(of: sha256).path) else {
            throw ResettleError.conflict("存档文件“\(fileName)”不在数据目录中（\(url(of: sha256).path)）")
        }
        guard data.count == size, Secrets.sha256Hex(data) == sha256 else {
            throw ResettleError.conflict("存档文件“\(fileName)”已损坏：内容与登记的 SHA-256 不符")
        }
        return data
    }

    /// `files/` in the data directory; a temporary folder for a test application.
    static func fromEnvironment(_ app: Application) throws -> FileStore {
        if app.environment == .testing {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "resettle-files-\(UUID().uuidString)")
            app.lifecycle.use(RemoveDirectoryOnShutdown(path: directory.path))
            return FileStore(root: directory)
        }
        return FileStore(root: try DataDirectory.ensure().appendingPathComponent("files", isDirectory: true))
    }
}

extension Application {
    private struct FileStoreKey: StorageKey {
        typealias Value = FileStore
    }

    /// Set by `configure`.
    var fileStore: FileStore {
        get {
            guard let store = storage[FileStoreKey.self] else { fatalError("configure() sets the file store") }
            return store
        }
        set { storage[FileStoreKey.self] = newValue }
    }
}
