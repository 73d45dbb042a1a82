/// The figures on the first page: the register at a glance.
struct HomeModel: Sendable {
    struct TownshipRow: Sendable {
        var code: String
        var name: String
        var active: Int
        var reduced: Int
    }

    var totalPeople: Int
    var activePeople: Int
    var households: Int
    var openChanges: Int
    /// Approved reductions by the year they were decided, newest first.
    var reductionsByYear: [(year: String, count: Int)]
    var townships: [TownshipRow]
}
