import Fluent
import Vapor

/// One capability of the system — the register, changes, payments, the audit log… — and
/// everything it adds to the application: its tables, its pages and API calls, its menu
/// entries and its commands. Each capability's folder holds one value of this, next to the
/// models, services, controllers and views it names; the application takes them from
/// `Capabilities.all`. A new capability is one new folder and one line in that list.
protocol Capability: Sendable {
    /// The capability's migrations, oldest first. A migration is never moved from one
    /// capability to another or reordered: databases in use record them by name.
    var migrations: [any Migration] { get }
    /// Registers the capability's pages and API handlers, each through one of `routePaths`.
    func routes(_ routes: CapabilityRoutes) throws
    /// Every route the capability registers, from its `…Routes` descriptions (which also
    /// build every link to them); each is registered exactly once.
    var routePaths: [RoutePath] { get }
    /// Entries of the main menu, in the order shown.
    var menu: [MenuEntry] { get }
    /// CLI commands, by name (`resettle <name>`).
    var commands: [(name: String, command: any AsyncCommand)] { get }
}

extension Capability {
    var migrations: [any Migration] { [] }
    func routes(_ routes: CapabilityRoutes) throws {}
    var routePaths: [RoutePath] { [] }
    var menu: [MenuEntry] { [] }
    var commands: [(name: String, command: any AsyncCommand)] { [] }
}

/// Where a capability hangs its routes. Each builder already carries the middleware every
/// route of its kind needs; a capability adds its own role checks on top.
struct CapabilityRoutes {
    /// Form pages anyone may open (the login page): CSRF and NUL checks, no sign-in.
    let open: any RoutesBuilder
    /// Pages for signed-in users.
    let pages: any RoutesBuilder
    /// The JSON API, for signed-in users and bearer tokens. Its route descriptions carry the
    /// `/api/v1` prefix themselves.
    let api: any RoutesBuilder
}

/// One entry of the main menu, shown to the roles named. The menu only mirrors what the
/// server allows; every route checks the role itself.
struct MenuEntry: Sendable {
    var label: String
    var path: String
    var roles: Set<Role>

    init(_ label: String, path: String, roles: Set<Role> = Set(Role.allCases)) {
        self.label = label
        self.path = path
        self.roles = roles
    }
}
