import Fluent
import Vapor

/// Who may do what with payments. Checked on the server for every request; menus and buttons
/// only mirror it.
enum PaymentAccess {
    /// Reading rolls, re-issues and recoveries: the county's payment staff, leadership, the
    /// finance bureau, discipline inspection (who check the payments, read-only), and township
    /// clerks (who see only their township's lines, to collect signatures).
    static let read: Set<Role> = [.admin, .county, .leader, .finance, .discipline, .township]
    /// Generating rolls, importing bank results, working re-issues and recoveries.
    static let operate: Set<Role> = [.admin, .county]
    /// Approving a roll (a second person, see `RollApproval`).
    static let approve: Set<Role> = [.admin, .leader]
    /// Downloading the one-card file.
    static let export: Set<Role> = [.admin, .county, .finance]
    /// Bank results and reconciliation are county-wide files: no township role.
    static let reconcile: Set<Role> = [.admin, .county, .leader, .finance]

    static func roll(_ req: Request) async throws -> PaymentRoll {
        guard let id = req.parameters.get("rollID", as: UUID.self),
            let roll = try await PaymentRoll.find(id, on: req.db)
        else {
            throw ResettleError.notFound
        }
        return roll
    }

    static func result(_ req: Request) async throws -> BankResult {
        guard let id = req.parameters.get("resultID", as: UUID.self),
            let result = try await BankResult.find(id, on: req.db)
        else {
            throw ResettleError.notFound
        }
        return result
    }
}
