import Fluent
import Foundation
import ResettleCore
import Vapor

/// The working-day calendar: the holidays and adjusted working days each year's State Council
/// notice announces, which the working-day clocks count with.
struct CalendarController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(PetitionRoutes.calendar, use: show)
        routes.on(PetitionRoutes.addCalendarDay, use: add)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.read)
        let year = try QueryParameters(req).year() ?? CivilDate.today().year
        let days = try await CalendarDay.query(on: req.db).filter(\.$id >= "\(year)-01-01")
            .filter(\.$id <= "\(year)-12-31").sort(\.$id).all()
        return htmlResponse(
            PetitionsView.calendar(
                try await req.pageContext(), days, year: year,
                canAdd: PetitionAccess.keepCalendar.contains(user.roleValue)))
    }

    @Sendable func add(req: Request) async throws -> Response {
        let user = try req.requireUser(in: PetitionAccess.keepCalendar)
        let f = FormValues(fields: try req.content.decode([String: String].self))
        let day = try f.date("day", "日期")
        guard let kind = CalendarDay.Kind(rawValue: f.text("kind")) else {
            throw ResettleError.invalidField("请选择放假或调休上班", field: "kind")
        }
        let name = f.text("name")
        guard !name.isEmpty else { throw ResettleError.invalidField("请填写节日名称", field: "name") }
        let weekday = WorkingCalendar.weekday(of: day)
        if kind == .workday, weekday <= 5 {
            throw ResettleError.invalidField("\(day.iso)是工作日，调休上班只能是周六或周日", field: "day")
        }
        try await req.application.writeGate.write(on: req.db) { tx, audit in
            if let existing = try await CalendarDay.find(day.iso, on: tx) {
                throw ResettleError.invalidField(
                    "\(day.iso)已登记为\(CalendarDay.Kind(rawValue: existing.kind)?.chinese ?? existing.kind)（\(existing.name)）",
                    field: "day")
            }
            try await CalendarDay(day: day.iso, kind: kind, name: name).create(on: tx)
            audit.record(
                actor: user.username, action: "calendar.add", entity: "calendar_day", entityID: day.iso,
                townshipCode: nil, before: nil, after: ["kind": kind.rawValue, "name": name])
        }
        req.setFlash("已登记\(day.iso)\(kind.chinese)（\(name)）")
        return req.redirect(to: PetitionRoutes.calendar.path(query: [("year", String(day.year))]))
    }
}
