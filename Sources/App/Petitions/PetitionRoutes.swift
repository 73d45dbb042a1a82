import Vapor

/// The petition pages: the register of petitions, one petition with its timeline and steps,
/// the deadline board, the statistics, the dispute screening and the working-day calendar.
enum PetitionRoutes {
    static let list = RoutePath.get("petitions")
    static let new = RoutePath.get("petitions", "new")
    static let register = RoutePath.post("petitions")
    static let show = RoutePath.get("petitions", .param("petitionID"))
    static let act = RoutePath.post("petitions", .param("petitionID"), "steps")
    static let evidence = RoutePath.upload("petitions", .param("petitionID"), "evidence")
    static let evidenceFile = RoutePath.get("petitions", .param("petitionID"), "evidence", .param("eventID"))
    static let reply = RoutePath.get("petitions", .param("petitionID"), "reply.docx")
    static let board = RoutePath.get("petitions", "board")
    static let statistics = RoutePath.get("petitions", "statistics")
    static let statisticsWorkbook = RoutePath.get("petitions", "statistics.xlsx")
    static let disputes = RoutePath.get("petitions", "disputes")
    static let addDispute = RoutePath.post("petitions", "disputes")
    static let followDispute = RoutePath.post("petitions", "disputes", .param("disputeID"))
    static let calendar = RoutePath.get("petitions", "calendar")
    static let addCalendarDay = RoutePath.post("petitions", "calendar")

    static let all = [
        list, new, register, show, act, evidence, evidenceFile, reply, board, statistics, statisticsWorkbook, disputes,
        addDispute, followDispute, calendar, addCalendarDay,
    ]

    static func show(_ id: some RouteParameterValue) -> String { show.path(id) }
}

/// `/api/v1/petitions…`: the same lists, petitions, board and statistics as JSON.
enum PetitionAPIRoutes {
    static let list = RoutePath.get("api", "v1", "petitions")
    static let board = RoutePath.get("api", "v1", "petitions", "board")
    static let statistics = RoutePath.get("api", "v1", "petitions", "statistics")
    static let petition = RoutePath.get("api", "v1", "petitions", .param("petitionID"))

    static let all = [list, board, statistics, petition]
}
