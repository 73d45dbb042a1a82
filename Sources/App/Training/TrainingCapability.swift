import Fluent
import Vapor

/// 移民培训: the year's plans against the quotas given from above, classes filled with
/// resettlers from the register, attendance, completion and work found, the students of
/// 中长期职业教育 with their yearly subsidy, and people, person-times and money by type.
struct TrainingCapability: Capability {
    var migrations: [any Migration] { [CreateTraining()] }

    func routes(_ routes: CapabilityRoutes) throws {
        try routes.pages.grouped(RequireRoleMiddleware(allowed: TrainingAccess.read)).register(
            collection: TrainingController())
        try routes.api.register(collection: TrainingAPIController())
    }

    var routePaths: [RoutePath] { TrainingRoutes.all + TrainingAPIRoutes.all }

    var menu: [MenuEntry] { [MenuEntry("移民培训", path: TrainingRoutes.overview.path(), roles: TrainingAccess.read)] }

    var commands: [(name: String, command: any AsyncCommand)] { [("training", TrainingCommand())] }
}
