/// A page of the register search.
struct PeopleSearchModel: Sendable {
    struct Row: Sendable {
        var id: String
        var name: String
        var idNumber: String
        var sex: String
        var township: String
        var village: String
        var relation: String
        var status: String
        var statusTone: String
    }

    /// The search as asked (on the page shown): the form's values and the links that keep it
    /// (sorting, paging, export).
    var search: PeopleQuery
    var townships: [(code: String, name: String)]
    var villages: [(code: String, name: String)]
    var rows: [Row]
    var page: Int
    var pageCount: Int
    var total: Int
    var milliseconds: Int
    var canImport: Bool
}
