import Fluent
import ResettleCore
import Vapor

/// Who may do what with funds and projects. Checked on the server for every request; menus and
/// forms only mirror it. Township staff see and act on their own township's projects only
/// (`AccessScope`); the finance bureau and discipline inspection read everything.
enum FundsAccess {
    static let read: Set<Role> = Set(Role.allCases)
    /// Recording batches and arranging them to projects: the county's finance department.
    static let manageFunds: Set<Role> = [.admin, .county]
    /// Proposing a project and the township's own steps (submission, start, progress, design
    /// change, acceptance, handover).
    static let townshipSteps: Set<Role> = [.admin, .county, .township]
    /// The pre-review is led by a leadership member; the county's staff may record it for the team.
    static let preReview: Set<Role> = [.admin, .county, .leader]
    /// Approval into the annual plan, the spot-check and its findings.
    static let countySteps: Set<Role> = [.admin, .county]
    static let spotChecks: Set<Role> = [.admin, .county, .leader]

    /// The roles that may record `step`.
    static func roles(for step: ProjectStepKind) -> Set<Role> {
        switch step {
        case .meeting, .submission, .start, .progress, .designChange, .acceptance, .handover: return townshipSteps
        case .preReview: return preReview
        case .approval: return countySteps
        case .spotCheck: return spotChecks
        }
    }

    /// The roles that may record a payment on a project of `route`: the township finance office
    /// pays small projects (township staff record it), the county pays the others.
    static func roles(forPaymentOn route: PaymentRoute) -> Set<Role> {
        route.payer == .townshipFinanceOffice ? townshipSteps : countySteps
    }

    /// The project of the route's `projectID`, if the user's township may see it; another
    /// township's project answers as if it did not exist.
    static func project(_ req: Request, on db: (any Database)? = nil) async throws -> Project {
        guard let id = req.parameters.get("projectID", as: UUID.self),
            let project = try await Project.find(id, on: db ?? req.db),
            req.scope.allows(townshipCode: project.townshipCode)
        else { throw ResettleError.notFound }
        return project
    }

    static func batch(_ req: Request) async throws -> FundBatch {
        guard let id = req.parameters.get("batchID", as: UUID.self),
            let batch = try await FundBatch.find(id, on: req.db)
        else { throw ResettleError.notFound }
        return batch
    }
}
