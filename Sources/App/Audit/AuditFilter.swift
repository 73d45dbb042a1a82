import Fluent
import Foundation
import ResettleCore
import Vapor

/// What the audit page and its export are narrowed to: a person (ID number or name, with the
/// requests and payment cases that concern them), an operator, an action, a span of days in
/// Beijing time, or one object's id (the links from other pages use this).
struct AuditFilter: Sendable, Equatable {
    var person = ""
    var actor = ""
    var action = ""
    var from: CivilDate?
    var to: CivilDate?
    var entity = ""

    init(
        person: String = "", actor: String = "", action: String = "", from: CivilDate? = nil, to: CivilDate? = nil,
        entity: String = ""
    ) {
        self.person = person
        self.actor = actor
        self.action = action
        self.from = from
        self.to = to
        self.entity = entity
    }

    init(_ req: Request) throws {
        let p = req.queryParameters
        person = try p.text("person", maxLength: 64)
        actor = try p.text("actor", maxLength: 64)
        action = try p.text("action", maxLength: 64)
        from = try p.date("from")
        to = try p.date("to")
        entity = try p.text("entity")
        if let from, let to, to < from { throw ResettleError.badParameter(name: "to", reason: "结束日期早于开始日期") }
    }

    /// The query string that repeats this filter (for the pager and the export link).
    var query: [(String, String)] {
        [
            ("person", person), ("actor", actor), ("action", action), ("from", from?.iso ?? ""), ("to", to?.iso ?? ""),
            ("entity", entity),
        ]
    }

    /// The entries that match, newest first. A person matches through the records that
    /// name them: their register entry (by ID number), their change requests and their
    /// re-issue and recovery cases.
    func apply(on db: any Database) async throws -> QueryBuilder<AuditEntry> {
        var query = AuditEntry.query(on: db)
        if !entity.isEmpty { query = query.filter(\.$entityID == entity) }
        if !actor.isEmpty { query = query.filter(\.$actor == actor) }
        if !action.isEmpty { query = query.filter(\.$action == action) }
        // `at` is an ISO timestamp in UTC; a Beijing day starts at 16:00 UTC the day before.
        if let from { query = query.filter(\.$at >= Self.utcStart(of: from)) }
        if let to { query = query.filter(\.$at < Self.utcStart(of: to.adding(days: 1))) }
        if !person.isEmpty {
            query = query.filter(\.$entityID ~~ (try await personRecordIDs(on: db)))
        }
        return query
    }

    /// The ids under which the audit log names the person or people searched for.
    private func personRecordIDs(on db: any Database) async throws -> [String] {
        let text = person.trimmingCharacters(in: .whitespaces).uppercased()
        var people = try await Person.query(on: db).filter(\.$idNumber == text).limit(50).all()
        if people.isEmpty { people = try await Person.query(on: db).filter(\.$name == person).limit(50).all() }
        // A person no longer (or never) on the register is still found by the ID number the log recorded.
        var ids = people.map(\.idNumber)
        if people.isEmpty, (try? ResidentID(validating: text)) != nil { ids.append(text) }
        let personIDs = people.compactMap(\.id)
        guard !personIDs.isEmpty else { return ids.isEmpty ? ["-"] : ids }
        ids += try await ChangeRequest.query(on: db).filter(\.$personID ~~ personIDs).all().compactMap {
            $0.id?.uuidString
        }
        ids += try await ReissueCase.query(on: db).filter(\.$personID ~~ personIDs).all().compactMap {
            $0.id?.uuidString
        }
        ids += try await RecoveryCase.query(on: db).filter(\.$personID ~~ personIDs).all().compactMap {
            $0.id?.uuidString
        }
        return ids
    }

    static func utcStart(of day: CivilDate) -> String {
        let seconds = Double(day.dayNumber) * 86400 - 8 * 3600
        return AuditLog.timestamp(Date(timeIntervalSince1970: seconds))
    }
}
