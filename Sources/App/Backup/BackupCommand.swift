import Fluent
import SQLKit
import Vapor

/// `resettle backup FILE`: a consistent copy of the SQLite database, taken with `VACUUM INTO`
/// while the server keeps running (readers and writers are not stopped; the copy is one
/// transaction's view), and beside it `FILE-files/`, the archive's files kept in the data
/// directory. Those are named by their SHA-256 and never change, so a copy taken after the
/// database's holds every file the copied database refers to.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "where to write the copy (must not exist)")
        var file: String
    }

    var help: String { "Writes a consistent copy of the SQLite database" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let sql = context.application.db as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else {
            throw ResettleCommandError("PostgreSQL 请使用 pg_dump 备份（见 README）")
        }
        let target = URL(fileURLWithPath: signature.file).standardizedFileURL.path
        guard !FileManager.default.fileExists(atPath: target) else { throw ResettleCommandError("\(target) 已存在") }
        try await sql.raw("VACUUM INTO \(bind: target)").run()
        let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
        context.console.print("已备份到 \(target)（\(size / 1024) KB）")
        let files = context.application.fileStore.root
        if FileManager.default.fileExists(atPath: files.path) {
            try FileManager.default.copyItem(atPath: files.path, toPath: target + "-files")
            context.console.print("档案文件已复制到 \(target)-files")
        }
    }
}
