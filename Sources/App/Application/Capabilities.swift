import Fluent
import Vapor

/// Every capability of the system, in menu order.
enum Capabilities {
    static let all: [any Capability] = [
        HomeCapability(),
        RegisterCapability(),
        ChangesCapability(),
        RegisterImportCapability(),
        PaymentsCapability(),
        FundsCapability(),
        RelocationCapability(),
        PetitionsCapability(),
        TrainingCapability(),
        JobsCapability(),
        AuditCapability(),
        UsersCapability(),
        BackupCapability(),
        MetricsCapability(),
        DemoCapability(),
    ]

    /// Tables of the shared pieces (archived files, settings), created before any capability's.
    static var sharedMigrations: [any Migration] { [CreateFileArchive(), CreateSettings(), AddFileArchiveParts()] }

    /// Every migration: the shared ones, then each capability's in the order of `all`. Tables
    /// only refer to tables of their own capability or of one listed before it.
    static var migrations: [any Migration] { sharedMigrations + all.flatMap(\.migrations) }

    /// The main menu for one role.
    static func menu(for role: Role) -> [MenuEntry] {
        all.flatMap(\.menu).filter { $0.roles.contains(role) }
    }
}
