import Fluent
import Vapor

/// The part of the register a user may see: everything, or one township.
/// Every query over township data goes through `restrict`, so scoping is one rule in one place.
struct AccessScope: Sendable {
    let townshipCode: String?

    init(user: User) {
        townshipCode = user.roleValue == .township ? (user.townshipCode ?? "-") : nil
    }

    init(townshipCode: String?) {
        self.townshipCode = townshipCode
    }

    static let everything = AccessScope(townshipCode: nil)

    func allows(townshipCode code: String) -> Bool {
        guard let townshipCode else { return true }
        return code == townshipCode
    }

    /// Adds `township_code = …` for a scoped user.
    func restrict<M: Model>(_ query: QueryBuilder<M>, field: KeyPath<M, FieldProperty<M, String>>) -> QueryBuilder<M> {
        guard let townshipCode else { return query }
        return query.filter(field == townshipCode)
    }
}
