import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

/// 扶持期满 is derived from a person's support window and today's date wherever the person's
/// status is shown: the person page, the household page and the API's JSON; the register's
/// `status` is not changed.
@Suite("Support window state")
struct SupportWindowStateTests {
    private static let head = Fixtures.id(1960, 11)
    private static let spouse = Fixtures.id(1962, 22)

    private static let child = Fixtures.id(1985, 31)

    /// Sets the head's last supported day to `end`; the spouse and the child stay supported for
    /// years (the fixture's default window, from 2006-07-01, may already have ended).
    private static func endSupport(of idNumber: String, on end: CivilDate, _ app: Application) async throws -> Person {
        let p = try await Fixtures.person(idNumber, on: app.db)
        p.supportEnd = end.iso
        try await p.update(on: app.db)
        for member in [Self.spouse, Self.child] {
            let other = try await Fixtures.person(member, on: app.db)
            other.supportEnd = CivilDate.today().adding(years: 5).iso
            try await other.update(on: app.db)
        }
        return p
    }

    private static func page(_ app: Application, endingOn end: CivilDate) async throws -> (
        person: String, household: String, json: PersonDetailDTO, householdJSON: HouseholdDTO, stored: String
    ) {
        try await Fixtures.seed(app)
        try await Fixtures.importRegister(app)
        let p = try await endSupport(of: head, on: end, app)
        let client = TestClient(app: app)
        try await client.login("county")
        let person = try await client.get(RegisterRoutes.person(p.id!))
        #expect(person.status == .ok)
        let household = try await client.get(RegisterRoutes.household(p.householdID))
        #expect(household.status == .ok)
        let json = try JSONDecoder().decode(
            PersonDetailDTO.self, from: try await client.get(RegisterAPIRoutes.person.path(p.id!)).body)
        let householdJSON = try JSONDecoder().decode(
            HouseholdDTO.self, from: try await client.get(RegisterAPIRoutes.household.path(p.householdID)).body)
        let stored = try await Fixtures.person(head, on: app.db).status
        return (person.body.string, household.body.string, json, householdJSON, stored)
    }

    @Test func aPersonInsideTheWindowIsShownOnTheRegister() async throws {
        try await withTestApp { app in
            // given a window that ends in a year
            let seen = try await Self.page(app, endingOn: CivilDate.today().adding(days: 365))
            // then
            #expect(seen.person.contains("<h1>张大山（在册）</h1>"))
            #expect(!seen.person.contains("扶持期满"))
            #expect(!seen.household.contains("扶持期满"))
            #expect(seen.json.status == "active")
            #expect(seen.json.support_state == "active")
            #expect(seen.householdJSON.members.first { $0.id_number == Self.head }?.support_state == "active")
        }
    }

    @Test func onTheLastDayOfTheWindowThePersonIsStillSupported() async throws {
        try await withTestApp { app in
            // given a window whose last day is today
            let seen = try await Self.page(app, endingOn: CivilDate.today())
            // then
            #expect(seen.person.contains("<h1>张大山（在册）</h1>"))
            #expect(!seen.person.contains("扶持期满"))
            #expect(seen.json.support_state == "active")
        }
    }

    @Test func afterTheWindowThePersonIsShownAsSupportEndedAndTheRegisterIsUnchanged() async throws {
        try await withTestApp { app in
            // given a window that ended yesterday
            let end = CivilDate.today().adding(days: -1)
            let seen = try await Self.page(app, endingOn: end)
            // then the person page says 扶持期满 in its title, its facts and its history
            #expect(seen.person.contains("<h1>张大山（扶持期满）</h1>"))
            #expect(seen.person.contains("扶持期满（扶持期限至\(end.iso)，名册状态：在册）"))
            #expect(seen.person.contains("扶持期限于\(end.iso)届满"))
            // the household page shows it for the head only; the spouse is still supported
            let rows = seen.household.components(separatedBy: "<tr>")
            #expect(rows.first { $0.contains(">张大山</a>") }?.contains("<td>扶持期满</td>") == true)
            #expect(rows.first { $0.contains(">李秀英</a>") }?.contains("<td>在册</td>") == true)
            // the API keeps `status` as the register holds it and adds the derived state
            #expect(seen.json.status == "active")
            #expect(seen.json.support_state == "expired")
            let members = Dictionary(
                seen.householdJSON.members.map { ($0.id_number, $0.support_state) }, uniquingKeysWith: { a, _ in a })
            #expect(members[Self.head] == "expired")
            #expect(members[Self.spouse] == "active")
            // nothing was written to the register
            #expect(seen.stored == "active")
        }
    }

    @Test func theSearchOfTheAPILeavesTheDerivedStateOut() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let client = TestClient(app: app)
            try await client.login("county")
            let body = try await client.get(RegisterAPIRoutes.people.path() + "?q=\(Self.head)").body.string
            #expect(body.contains(Self.head))
            #expect(!body.contains("support_state"))
        }
    }
}
