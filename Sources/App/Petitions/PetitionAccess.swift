import Fluent
import ResettleCore
import Vapor

/// Who may see and do what with petitions, checked on the server for every request. Township
/// staff see their own township's petitions only (`AccessScope`). A restricted petition's
/// content — who raised it, what they asked — is shown only to the leadership, the petitions
/// staff (a setting), the one who registered it and the one it is assigned to; everyone else
/// in scope sees that it exists.
enum PetitionAccess {
    /// The finance bureau has no business with petitions.
    static let read: Set<Role> = [.admin, .county, .leader, .township, .discipline]
    /// Registering and handling: county staff, township staff for their township, the leadership.
    static let handle: Set<Role> = [.admin, .county, .leader, .township]
    /// The head of the office approves the one extension.
    static let approveExtension: Set<Role> = [.admin, .leader]
    /// Adding holidays and adjusted working days.
    static let keepCalendar: Set<Role> = [.admin, .county]

    static func seesContent(of p: Petition, user: User, rules: PetitionRules) -> Bool {
        guard p.restricted else { return true }
        if user.roleValue == .admin || user.roleValue == .leader { return true }
        return rules.staff.contains(user.username) || p.createdBy == user.username || p.assignee == user.username
    }

    /// The petition of the route's `petitionID`, if the user's township may see it; another
    /// township's answers as if it did not exist.
    static func petition(_ req: Request) async throws -> Petition {
        guard let id = req.parameters.get("petitionID", as: UUID.self),
            let petition = try await Petition.find(id, on: req.db),
            req.scope.allows(townshipCode: petition.townshipCode)
        else { throw ResettleError.notFound }
        return petition
    }
}
