import Fluent
import Foundation
import ResettleCore
import Vapor

/// A day of the State Council's holiday schedule: a public holiday, or a weekend day worked
/// instead (调休上班). Working-day clocks read these; weekdays and weekends need no row.
final class CalendarDay: Model, @unchecked Sendable {
    static let schema = "calendar_days"

    /// The ISO day.
    @ID(custom: "day", generatedBy: .user) var id: String?
    /// `holiday` or `workday`.
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String

    init() {}

    init(day: String, kind: Kind, name: String) {
        self.id = day
        self.kind = kind.rawValue
        self.name = name
    }

    enum Kind: String, Codable, Sendable, CaseIterable {
        case holiday, workday

        var chinese: String { self == .holiday ? "放假" : "调休上班" }
    }

    static func calendar(on db: any Database) async throws -> WorkingCalendar {
        var calendar = WorkingCalendar()
        for row in try await CalendarDay.query(on: db).all() {
            guard let day = row.id.flatMap(CivilDate.init(parsing:)) else { continue }
            if row.kind == Kind.workday.rawValue {
                calendar.adjustedWorkdays.insert(day)
            } else {
                calendar.holidays.insert(day)
            }
        }
        return calendar
    }
}

/// The table, with the holiday schedules of 2022 to 2026 as the State Council announced them
/// (国务院办公厅关于部分节假日安排的通知, one a year). Later years are added on the calendar page.
struct CreateCalendarDays: AsyncMigration {
    /// (name, first holiday, last holiday, weekend days worked)
    static let schedules: [(String, String, String, [String])] = [
        ("元旦", "2022-01-01", "2022-01-03", []),
        ("春节", "2022-01-31", "2022-02-06", ["2022-01-29", "2022-01-30"]),
        ("清明节", "2022-04-03", "2022-04-05", ["2022-04-02"]),
        ("劳动节", "2022-04-30", "2022-05-04", ["2022-04-24", "2022-05-07"]),
        ("端午节", "2022-06-03", "2022-06-05", []),
        ("中秋节", "2022-09-10", "2022-09-12", []),
        ("国庆节", "2022-10-01", "2022-10-07", ["2022-10-08", "2022-10-09"]),
        ("元旦", "2022-12-31", "2023-01-02", []),
        ("春节", "2023-01-21", "2023-01-27", ["2023-01-28", "2023-01-29"]),
        ("清明节", "2023-04-05", "2023-04-05", []),
        ("劳动节", "2023-04-29", "2023-05-03", ["2023-04-23", "2023-05-06"]),
        ("端午节", "2023-06-22", "2023-06-24", ["2023-06-25"]),
        ("中秋节、国庆节", "2023-09-29", "2023-10-06", ["2023-10-07", "2023-10-08"]),
        ("元旦", "2023-12-30", "2024-01-01", []),
        ("春节", "2024-02-10", "2024-02-17", ["2024-02-04", "2024-02-18"]),
        ("清明节", "2024-04-04", "2024-04-06", ["2024-04-07"]),
        ("劳动节", "2024-05-01", "2024-05-05", ["2024-04-28", "2024-05-11"]),
        ("端午节", "2024-06-08", "2024-06-10", []),
        ("中秋节", "2024-09-15", "2024-09-17", ["2024-09-14"]),
        ("国庆节", "2024-10-01", "2024-10-07", ["2024-09-29", "2024-10-12"]),
        ("元旦", "2025-01-01", "2025-01-01", []),
        ("春节", "2025-01-28", "2025-02-04", ["2025-01-26", "2025-02-08"]),
        ("清明节", "2025-04-04", "2025-04-06", []),
        ("劳动节", "2025-05-01", "2025-05-05", ["2025-04-27"]),
        ("端午节", "2025-05-31", "2025-06-02", []),
        ("国庆节、中秋节", "2025-10-01", "2025-10-08", ["2025-09-28", "2025-10-11"]),
        ("元旦", "2026-01-01", "2026-01-03", ["2026-01-04"]),
        ("春节", "2026-02-15", "2026-02-23", ["2026-02-14", "2026-02-28"]),
        ("清明节", "2026-04-04", "2026-04-06", []),
        ("劳动节", "2026-05-01", "2026-05-05", ["2026-05-09"]),
        ("端午节", "2026-06-19", "2026-06-21", []),
        ("中秋节", "2026-09-25", "2026-09-27", []),
        ("国庆节", "2026-10-01", "2026-10-07", ["2026-09-20", "2026-10-10"]),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(CalendarDay.schema)
            .field("day", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .create()
        for (name, first, last, worked) in Self.schedules {
            guard let from = CivilDate(parsing: first), let to = CivilDate(parsing: last) else { continue }
            var day = from
            while day <= to {
                try await CalendarDay(day: day.iso, kind: .holiday, name: name).create(on: database)
                day = day.adding(days: 1)
            }
            for w in worked {
                try await CalendarDay(day: w, kind: .workday, name: name + "调休").create(on: database)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CalendarDay.schema).delete()
    }
}
