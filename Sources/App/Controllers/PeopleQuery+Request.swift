import Vapor

extension PeopleQuery {
    /// The search as the page and the API both take it: `q`, `township`, `village`, `status`, `page`.
    init(request req: Request) {
        self.init()
        text = (try? req.query.get(String.self, at: "q")) ?? ""
        townshipCode = (try? req.query.get(String.self, at: "township")) ?? ""
        villageCode = (try? req.query.get(String.self, at: "village")) ?? ""
        status = (try? req.query.get(String.self, at: "status")) ?? ""
        page = max((try? req.query.get(Int.self, at: "page")) ?? 1, 1)
    }
}
