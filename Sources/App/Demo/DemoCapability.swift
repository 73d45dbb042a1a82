import Vapor

/// The Shaodong demonstration data set.
struct DemoCapability: Capability {
    var commands: [(name: String, command: any AsyncCommand)] { [("demo", DemoCommand())] }
}
