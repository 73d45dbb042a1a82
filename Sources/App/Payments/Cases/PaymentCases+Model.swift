import Foundation

struct ReissueListModel: Sendable {
    struct Row: Sendable {
        var personID: String
        var name: String
        var idNumber: String
        var township: String
        var period: String
        var amount: String
        var failedCard: String
        var currentCard: String
        var failure: String
        var status: String
        var ready: Bool
        /// The roll that pays (or paid) the case, empty while none holds it.
        var claimRollID: String
        var claimRoll: String
    }

    var rows: [Row]
}

struct RecoveryListModel: Sendable {
    struct Row: Sendable {
        var id: String
        var personID: String
        var name: String
        var idNumber: String
        var township: String
        var period: String
        var amount: String
        var reason: String
        var status: String
        var open: Bool
        var notes: String
    }

    var rows: [Row]
    var canEdit: Bool
    var openTotal: String
    var statuses: [(String, String)]
}
