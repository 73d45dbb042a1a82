import Vapor

/// The roll pages: the list, generating and regenerating, one roll, its approval or discarding,
/// the printed roll and the one-card files.
enum RollRoutes {
    static let list = RoutePath.get("payments")
    static let create = RoutePath.post("payments", "rolls")
    static let show = RoutePath.get("payments", "rolls", .param("rollID"))
    static let regenerate = RoutePath.post("payments", "rolls", .param("rollID"), "generate")
    static let approve = RoutePath.post("payments", "rolls", .param("rollID"), "approve")
    static let discard = RoutePath.post("payments", "rolls", .param("rollID"), "discard")
    static let print = RoutePath.get("payments", "rolls", .param("rollID"), "print")
    static let exportXLSX = RoutePath.get("payments", "rolls", .param("rollID"), "onecard.xlsx")
    static let exportCSV = RoutePath.get("payments", "rolls", .param("rollID"), "onecard.csv")

    static let all = [list, create, show, regenerate, approve, discard, print, exportXLSX, exportCSV]

    /// The roll, on the tab named (`lines`, `excluded`), or its first.
    static func show(_ rollID: some RouteParameterValue, tab: String = "") -> String {
        show.path(rollID, query: [("tab", tab)])
    }
    static func regenerate(_ rollID: some RouteParameterValue) -> String { regenerate.path(rollID) }
    static func approve(_ rollID: some RouteParameterValue) -> String { approve.path(rollID) }
    static func discard(_ rollID: some RouteParameterValue) -> String { discard.path(rollID) }
    /// The printed roll, of one township or village or of all the reader may see; `notice`
    /// is the version for public posting (公示), with ID and card numbers masked.
    static func print(
        _ rollID: some RouteParameterValue, township: String = "", village: String = "", notice: Bool = false
    ) -> String {
        print.path(rollID, query: [("township", township), ("village", village), ("notice", notice ? "1" : "")])
    }
    static func exportXLSX(_ rollID: some RouteParameterValue) -> String { exportXLSX.path(rollID) }
    /// The one-card CSV, in UTF-8 or in the encoding named (`gbk`).
    static func exportCSV(_ rollID: some RouteParameterValue, encoding: String = "") -> String {
        exportCSV.path(rollID, query: [("encoding", encoding)])
    }
}
