import App
import Foundation
import Logging
import ResettleBench
import Vapor

/// The `resettle` executable: the web server and every batch command share one configuration.
@main
enum Entrypoint {
    static func main() async {
        var env: Environment
        do {
            env = try Environment.detect()
            try ResettleLogging.bootstrap(from: &env)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(2)
        }
        let app: Application
        do {
            app = try await Application.make(env)
        } catch {
            FileHandle.standardError.write(Data("无法启动：\(error)\n".utf8))
            exit(1)
        }
        var failed = false
        do {
            try await configure(app)
            // Benchmarks are part of the executable only: the application and its tests do
            // not carry them.
            app.asyncCommands.use(BenchCommand(), as: "bench")
        } catch {
            FileHandle.standardError.write(Data("配置失败：\(error)\n".utf8))
            try? await app.asyncShutdown()
            exit(1)
        }
        do {
            // Vapor prints a failing command's error itself; the exit status tells scripts.
            try await app.execute()
        } catch {
            failed = true
        }
        try? await app.asyncShutdown()
        if failed { exit(1) }
    }
}
