import Fluent
import ResettleCore
import Vapor

/// The change list's filter and order, as the page and the API both take them: `status` (a
/// status, a stage — `noticing`, `awaitingTownship` — or `open`), `kind`, `year` (decided in),
/// `from`/`to` (filed between, inclusive), `sort` and `page`.
struct ChangeFilter: Sendable {
    var status = ""
    var kind = ""
    var year = ""
    var from: CivilDate?
    var to: CivilDate?
    var sort: ChangeSort = .submitted
    var descending = true
    var page = 1
    var perPage = 50
    /// The day stages are reckoned on.
    var today = CivilDate.today()

    /// Every value `status` takes.
    static let statusValues =
        ChangeStatus.rawValues + [
            "open", ChangeStage.noticing.rawValue,
            ChangeStage.awaitingTownship.rawValue,
        ]

    init() {}

    init(request req: Request) throws {
        let params = req.queryParameters
        status = try params.text("status")
        kind = try params.text("kind")
        year = try params.year().map(String.init) ?? ""
        from = try params.date("from")
        to = try params.date("to")
        if let from, let to, to < from { throw ResettleError.badParameter(name: "to", reason: "结束日期早于开始日期") }
        let order = try params.text("sort", maxLength: 16)
        if !order.isEmpty {
            let descending = order.hasPrefix("-")
            guard let sort = ChangeSort(rawValue: descending ? String(order.dropFirst()) : order) else {
                throw ResettleError.badParameter(name: "sort", reason: "取值无效")
            }
            self.sort = sort
            self.descending = descending
        }
        page = try params.page()
    }

    var paging: Paging { Paging(page: page, perPage: perPage) }

    /// `sort` as the query string writes it; empty for the default order.
    var sortParameter: String {
        sort == .submitted && descending ? "" : (descending ? "-" : "") + sort.rawValue
    }

    /// The filter as a query string (without the page), for the pager and the column links.
    var query: [(String, String)] {
        [
            ("status", status), ("kind", kind), ("year", year), ("from", from?.iso ?? ""), ("to", to?.iso ?? ""),
            ("sort", sortParameter),
        ]
    }

    func build(_ db: any Database, scope: AccessScope) -> QueryBuilder<ChangeRequest> {
        var q = scope.restrict(ChangeRequest.query(on: db), field: \.$townshipCode)
        switch status {
        case "": break
        case "open":
            q = q.filter(\.$status ~~ [ChangeStatus.noticePosted.rawValue, ChangeStatus.awaitingCounty.rawValue])
        // A notice ends with its last day: from the next day the township may review.
        case ChangeStage.noticing.rawValue:
            q = q.filter(\.$status == ChangeStatus.noticePosted.rawValue).filter(\.$noticeEnd >= today.iso)
        case ChangeStage.awaitingTownship.rawValue:
            q = q.filter(\.$status == ChangeStatus.noticePosted.rawValue).filter(\.$noticeEnd < today.iso)
        default: q = q.filter(\.$status == status)
        }
        if !kind.isEmpty { q = q.filter(\.$kind == kind) }
        if let y = Int(year) {
            q = q.filter(\.$decidedOn >= String(format: "%04d-01-01", y)).filter(
                \.$decidedOn <= String(format: "%04d-12-31", y))
        }
        if let from { q = q.filter(\.$submittedOn >= from.iso) }
        if let to { q = q.filter(\.$submittedOn <= to.iso) }
        return q
    }

    func run(on db: any Database, scope: AccessScope) async throws -> ([ChangeRequest], Int) {
        let total = try await build(db, scope: scope).count()
        let direction: DatabaseQuery.Sort.Direction = descending ? .descending : .ascending
        var rows = build(db, scope: scope)
        switch sort {
        case .submitted: rows = rows.sort(\.$submittedOn, direction)
        case .noticeEnd: rows = rows.sort(\.$noticeEnd, direction)
        case .decided: rows = rows.sort(\.$decidedOn, direction)
        case .effective: rows = rows.sort(\.$effectivePeriod, direction)
        }
        // Within a day, the order of filing.
        let page = try await rows.sort(\.$createdAt, direction).offset(paging.offset).limit(paging.perPage).all()
        return (page, total)
    }
}

/// The columns the change list can be ordered by.
enum ChangeSort: String, Sendable, CaseIterable {
    case submitted
    case noticeEnd
    case decided
    case effective
}
