import Vapor

extension PeopleQuery {
    /// The search as the page and the API both take it: `q`, `township`, `village`, `status`,
    /// `sort` (`place`, `name`, `id`, `status`, `-` before for descending), `page`.
    /// Malformed values answer 400 (`ResettleError.badParameter`).
    init(request req: Request) throws {
        self.init()
        let params = req.queryParameters
        text = try params.text("q")
        townshipCode = try params.text("township")
        villageCode = try params.text("village")
        status = try params.text("status")
        let order = try params.text("sort", maxLength: 16)
        if !order.isEmpty {
            guard let (sort, descending) = PeopleSort.parse(order) else {
                throw ResettleError.badParameter(name: "sort", reason: "取值无效")
            }
            self.sort = sort
            self.descending = descending
        }
        page = try params.page()
    }
}
