import Vapor

extension PeopleQuery {
    /// The search as the page and the API both take it: `q`, `township`, `village`, `status`, `page`.
    /// Malformed values answer 400 (`ResettleError.badParameter`).
    init(request req: Request) throws {
        self.init()
        let params = req.queryParameters
        text = try params.text("q")
        townshipCode = try params.text("township")
        villageCode = try params.text("village")
        status = try params.text("status")
        page = try params.page()
    }
}
