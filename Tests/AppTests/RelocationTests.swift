import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

@Suite("Risk-avoidance and hardship relocation")
struct RelocationTests {
    @Test("A household goes from enrolment to acceptance in order, and the task's progress counts it")
    func relocationInOrder() async throws {
        try await withTestApp { app in
            // given a task for 界岭镇 and the register's households
            try await Fixtures.seed(app)
            try await Fixtures.importRegister(app)
            let county = RelocationService(
                db: app.db, gate: app.writeGate, user: try await FundsWorld.user("county", app))
            let task = try await county.addTask(
                .init(
                    year: 2022, document: "湘移〔2022〕50号", townshipCode: Fixtures.jieling, targetHouseholds: 2,
                    targetPeople: 5, subsidyPerHouseholdFen: 3_000_000))
            let clerk = RelocationService(
                db: app.db, gate: app.writeGate, user: try await FundsWorld.user("jieling", app))
            // a head registered in another township is refused without saying where
            do {
                _ = try await clerk.enrol(
                    .init(headIDNumber: Fixtures.id(1975, 51), newSite: "集中安置点", projectID: nil),
                    taskID: task.requireID())
                Issue.record("another township's household was enrolled")
            } catch let error as ResettleError {
                #expect(error.reason.contains("本乡镇移民库中没有户主为"))
                #expect(!error.reason.contains("火厂坪"))
            }
            let r = try await clerk.enrol(
                .init(headIDNumber: Fixtures.id(1960, 11), newSite: "界岭镇集中安置点", projectID: nil),
                taskID: task.requireID())
            #expect(r.people == 3)
            let day = CivilDate(year: 2022, month: 8, day: 1)!
            // out of order: moving before the subsidy
            await #expect(throws: ResettleError.self) {
                _ = try await clerk.record(.init(fact: .moved, day: day), relocationID: r.requireID())
            }
            // more than the task's subsidy per household
            await #expect(throws: ResettleError.self) {
                _ = try await clerk.record(
                    .init(fact: .subsidy, day: day, amountFen: 3_000_001), relocationID: r.requireID())
            }
            _ = try await clerk.record(
                .init(fact: .subsidy, day: day, amountFen: 3_000_000), relocationID: r.requireID())
            _ = try await clerk.record(.init(fact: .moved, day: day.adding(days: 30)), relocationID: r.requireID())
            _ = try await clerk.record(
                .init(fact: .oldHouse, day: day.adding(days: 40), oldHouse: "已拆除复垦"), relocationID: r.requireID())
            let done = try await clerk.record(
                .init(fact: .accepted, day: day.adding(days: 50)), relocationID: r.requireID())
            #expect(done.stage == "已验收")
            let progress = try await RelocationProgress.of([task], on: app.db)[0]
            #expect(progress.moved == 1 && progress.peopleMoved == 3 && progress.subsidyPaidFen == 3_000_000)
            // the pages: the township's own task, not another's
            let page = TestClient(app: app)
            try await page.login("jieling")
            #expect(try await page.get(RelocationRoutes.task(task.id!)).body.string.contains("已验收"))
            let other = TestClient(app: app)
            try await other.login("huochang")
            #expect(try await other.get(RelocationRoutes.task(task.id!)).status == .notFound)
            #expect(
                try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["relocation.enrol", "relocation.accepted"])
                    .count() == 2)
        }
    }
}
