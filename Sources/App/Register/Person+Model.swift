import Foundation

/// Everything the person page shows.
struct PersonModel: Sendable {
    struct Member: Sendable {
        var id: String
        var name: String
        var idNumber: String
        var relation: String
        var status: String
    }

    struct StatusRow: Sendable {
        var period: String
        var from: String
        var status: String
        var note: String
    }

    struct ChangeRow: Sendable {
        var id: String
        var kind: String
        var reason: String
        var status: String
        var submittedOn: String
        var decidedOn: String
        var effectivePeriod: String
    }

    /// A petition the person raised or that is about them (restricted ones only for those who
    /// may read them).
    struct PetitionRow: Sendable {
        var id: UUID
        var number: String
        var receivedOn: String
        var category: String
        var stage: String
    }

    var id: String
    var name: String
    var idNumber: String
    var petitions: [PetitionRow] = []
    /// The classes the person attended and their vocational-education subsidies.
    var training: [(what: String, when: String, result: String)] = []
    var facts: [(String, String)]
    var account: [(String, String)]
    var householdID: String
    var members: [Member]
    var statusHistory: [StatusRow]
    var changes: [ChangeRow]
    var status: String
    /// The kinds of change this user may request for this person now, as (value, label).
    var requestableKinds: [(String, String)]
    var reasons: [(String, String)]
    var correctable: [(field: String, label: String, value: String)]
    var today: String
    var noticeEndDefault: String
    /// Payments, failures, re-issues and recoveries (filled by `PersonPayments`).
    var payments = PersonPaymentsModel()
}
