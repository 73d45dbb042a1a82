import Vapor

/// A consistent copy of the database and the office's files.
struct BackupCapability: Capability {
    var commands: [(name: String, command: any AsyncCommand)] { [("backup", BackupCommand())] }
}
