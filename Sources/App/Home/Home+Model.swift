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
    /// The petition deadlines that need this user: the whole scope's for the leadership, the
    /// ones assigned to them for everyone else; nil when there is nothing to show.
    var petitionBoard: PetitionBoard? = nil
    var regions: RegionDirectory? = nil
}
