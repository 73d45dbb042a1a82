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
        var noticeEnd: String
        var effectivePeriod: String
        var decidedOn: String
        /// The user may act on it from the list (a batch action applies to its stage).
        var selectable: Bool
    }

    var filter: ChangeFilter
    var rows: [Row]
    var total: Int
    var page: Int
    var pageCount: Int
    /// The steps the user may take on a selection; empty for those who take none.
    var batchActions: [(String, String)]
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
