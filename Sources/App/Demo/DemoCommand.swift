import Vapor

/// `resettle demo [--people N]`: loads the demo data set into an empty database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "people", help: "how many resettlers (default 46000; 1000000 works)")
        var people: Int?
    }

    var help: String { "Loads the deterministic demo data set" }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        try await DemoLoader.loadIfEmpty(
            app: context.application, people: signature.people ?? DemoLoader.defaultPeople, console: context.console)
        for line in DemoLoader.loginLines { context.console.print(line) }
    }
}
