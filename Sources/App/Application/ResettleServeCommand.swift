import Fluent
import Vapor

/// `resettle serve [--demo] [--hostname H] [--port P]`: migrates, makes sure someone can log
/// in, optionally loads the demo data set once, then serves.
struct ResettleServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Load the demo data set (once) before serving")
        var demo: Bool
        @Option(name: "hostname", short: "H", help: "Address to listen on (default 127.0.0.1)")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Port to listen on (default 8080)")
        var port: Int?
    }

    var help: String { "Runs the web application" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        // Jobs this server was running when it stopped wrote nothing (each ran in one
        // transaction); their rows say so before anyone looks.
        let interrupted = try await JobRunner.markInterrupted(on: app.db) + CommandLineJob.markOrphans(on: app.db)
        if interrupted > 0 { context.console.print("\(interrupted) 个后台任务因服务重启中断，已标记为失败（未写入任何数据）") }
        if signature.demo {
            try await DemoLoader.loadIfEmpty(app: app, people: DemoLoader.defaultPeople, console: context.console)
        } else {
            try await FirstAdmin.ensure(app: app, console: context.console)
        }
        let hostname = signature.hostname ?? "127.0.0.1"
        let port = signature.port ?? 8080
        context.console.print("Resettle 水库移民后期扶持综合管理系统: http://\(hostname):\(port)/")
        if signature.demo {
            for line in DemoLoader.loginLines { context.console.print(line) }
        }
        var serveContext = context
        serveContext.input = CommandInput(arguments: ["resettle", "--hostname", hostname, "--port", String(port)])
        try await app.servers.asyncCommand.run(using: &serveContext)
    }
}

/// A fresh install without demo data gets one administrator with a random password, printed
/// once: there is no default password to forget to change.
enum FirstAdmin {
    static func ensure(app: Application, console: any Console) async throws {
        guard try await User.query(on: app.db).count() == 0 else { return }
        let password = Secrets.readablePassword()
        _ = try await UserAdmin.create(
            username: "admin", displayName: "系统管理员", role: .admin, township: nil, password: password,
            actor: "system", app: app, db: app.db)
        console.print("已创建管理员账号 admin，初始密码：\(password)（只显示这一次，请登录后妥善保管）")
    }
}
