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

    var query: String
    var townshipCode: String
    var villageCode: String
    var status: String
    var townships: [(code: String, name: String)]
    var villages: [(code: String, name: String)]
    var rows: [Row]
    var page: Int
    var pageCount: Int
    var total: Int
    var milliseconds: Int
    var canImport: Bool
}
