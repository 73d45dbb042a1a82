struct ChangeListModel: Sendable {
    struct Row: Sendable {
        var id: String
        var personName: String
        var idNumber: String
        var township: String
        var kind: String
        var reason: String
        var status: String
        var submittedOn: String
        var decidedOn: String
    }

    var status: String
    var year: String
    var kind: String
    var rows: [Row]
    var total: Int
    var page: Int
    var pageCount: Int
}

struct ChangeDetailModel: Sendable {
    struct Step: Sendable {
        var action: String
        var actor: String
        var on: String
        var opinion: String
        var result: String
    }

    var id: String
    var title: String
    var personID: String
    var facts: [(String, String)]
    var corrections: [(String, String, String)]
    var steps: [Step]
    /// Actions this user may take now, as (value, label).
    var actions: [(String, String)]
    /// Why this user, though their role could, may not take the pending step (empty otherwise).
    var separationNote: String = ""
}
