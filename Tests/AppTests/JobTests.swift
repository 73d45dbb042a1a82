import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// Long work as background jobs: the user is taken to the job's page, sees its progress, then
/// the result; a failed or interrupted job says why and has written nothing.
@Suite("Background jobs")
struct JobTests {
    private struct Progress: Decodable {
        var state: String
        var done: Int
        var total: Int
        var percent: Int
        var result_path: String?
        var result_summary: String?
        var error: String?
    }

    private func progress(_ client: TestClient, _ jobPath: String) async throws -> Progress {
        let response = try await client.get(jobPath + "/progress")
        #expect(response.status == .ok)
        return try JSONDecoder().decode(Progress.self, from: Data(response.body.string.utf8))
    }

    @Test func generatingARollTakesTheUserToTheJobThenToTheRollWithItsFigures() async throws {
        try await withTestApp { app in
            try await PaymentFixtures.seed(app)
            let county = TestClient(app: app)
            try await county.login("county")
            _ = try await county.get("/payments")
            let posted = try await county.postForm("/payments/rolls", ["period": "2022Q3"])
            #expect(posted.status == .seeOther)
            let jobPath = try #require(posted.headers.first(name: .location))
            #expect(jobPath.hasPrefix("/jobs/"))

            let page = try await county.get(jobPath).body.string
            #expect(page.contains("生成2022年第三季度发放花名册") || page.contains("发放花名册"))
            #expect(page.contains("已完成"))
            #expect(!page.contains("http-equiv=\"refresh\""), "a finished job's page does not reload itself")

            let p = try await progress(county, jobPath)
            #expect(p.state == "succeeded" && p.percent == 100)
            #expect(p.done == p.total && p.total == 8, "every person of the register was decided")
            #expect(p.result_path == jobPath + "/result")
            #expect(p.result_summary?.hasSuffix("：7人，1,050.00元") == true)

            let result = try await county.get(jobPath + "/result")
            #expect(result.status == .seeOther)
            let rollPath = try #require(result.headers.first(name: .location))
            let roll = try #require(try await PaymentRoll.query(on: app.db).filter(\.$period == "2022Q3").first())
            #expect(rollPath == "/payments/rolls/\(roll.id!)")
            let rollPage = try await county.get(rollPath).body.string
            #expect(rollPage.contains(p.result_summary ?? "—"), "the job's summary is the roll page's message")

            let list = try await county.get("/jobs").body.string
            #expect(list.contains(jobPath) && list.contains("已完成"))
        }
    }

    @Test func aRollThatCannotBeGeneratedIsRefusedBeforeAnyJobIsQueued() async throws {
        try await withTestApp { app in
            try await PaymentFixtures.seed(app)
            _ = try await PaymentFixtures.lockedRoll("2022Q3", app)
            let county = TestClient(app: app)
            try await county.login("county")
            _ = try await county.get("/payments")
            #expect(try await county.postForm("/payments/rolls", ["period": "2022Q3"]).status == .conflict)
            #expect(try await county.postForm("/payments/rolls", ["period": "1999Q1"]).status == .unprocessableEntity)
            #expect(try await Job.query(on: app.db).count() == 0)
        }
    }

    @Test func aFailingJobSaysWhyAndWhatItWroteIsRolledBack() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let before = try await AuditEntry.query(on: app.db).count()
            let id = try await app.jobs.submit(
                .init(kind: .registerImport, title: "导入移民名册 坏文件.xlsx", actor: "county", townshipCode: nil) { progress in
                    progress.report(done: 3, total: 10)
                    try await app.writeGate.run {
                        try await app.db.transaction { tx in
                            try await AuditLog.append(
                                actor: "county", action: "person.create", entity: "person", entityID: "x",
                                townshipCode: nil,
                                before: nil, after: ["name": "张三"], on: tx)
                            throw ResettleError.invalidInput("第 4 行：身份证号校验位不对")
                        }
                    }
                    return JobResult(path: nil, summary: "不会到这里")
                })
            await app.jobs.waitUntilIdle()
            let job = try #require(try await Job.find(id, on: app.db))
            #expect(job.jobState == .failed)
            #expect(job.error == "第 4 行：身份证号校验位不对")
            #expect(job.done == 3 && job.total == 10 && job.finishedAt != nil)
            #expect(try await AuditEntry.query(on: app.db).count() == before)

            let county = TestClient(app: app)
            try await county.login("county")
            let page = try await county.get("/jobs/\(id)").body.string
            #expect(page.contains("失败") && page.contains("第 4 行：身份证号校验位不对"))
        }
    }

    @Test func anUnexpectedErrorIsReportedWithoutItsInternals() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            struct Internal: Error {}
            let id = try await app.jobs.submit(
                .init(kind: .recoveryScan, title: "追缴核查", actor: "county", townshipCode: nil) { _ in throw Internal() })
            await app.jobs.waitUntilIdle()
            let job = try #require(try await Job.find(id, on: app.db))
            #expect(job.jobState == .failed && job.error == "任务出错，未写入任何数据（详情见服务日志）")
        }
    }

    @Test func theProgressOfARunningJobIsLiveAndItsPageReloadsWithoutJavaScript() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            // Logged in first: a post waits for the running job to end, as a user would.
            let county = TestClient(app: app)
            try await county.login("county")
            let (gate, release) = AsyncStream.makeStream(of: Void.self)
            let (reported, didReport) = AsyncStream.makeStream(of: Void.self)
            let id = try await app.jobs.submit(
                .init(kind: .rollGeneration, title: "生成花名册", actor: "county", townshipCode: nil) { progress in
                    progress.report(done: 5, total: 20)
                    didReport.yield()
                    for await _ in gate { break }
                    progress.report(done: 20, total: 20)
                    return JobResult(path: "/payments", summary: "完成")
                })
            for await _ in reported { break }
            let p = try await progress(county, "/jobs/\(id)")
            #expect(p.state == "running" && p.done == 5 && p.total == 20 && p.percent == 25 && p.result_path == nil)
            let page = try await county.get("/jobs/\(id)").body.string
            #expect(page.contains("<noscript><meta http-equiv=\"refresh\" content=\"2\""))
            #expect(page.contains("data-progress-url=\"/jobs/\(id)/progress\""))
            #expect(page.contains("5 / 20（25%）"))
            release.yield()
            await app.jobs.waitUntilIdle()
            let done = try await progress(county, "/jobs/\(id)")
            #expect(done.state == "succeeded" && done.done == 20 && done.percent == 100)
        }
    }

    @Test func aJobCutOffByARestartIsMarkedFailedAndACLIJobIsLeftAlone() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            func job(_ state: JobState, runner: String) async throws -> UUID {
                let j = Job()
                j.kind = JobKind.registerImport.rawValue
                j.title = "导入移民名册"
                j.actor = "county"
                j.state = state.rawValue
                j.done = 20_000
                j.total = 50_000
                j.runner = runner
                j.createdAt = Date()
                try await j.create(on: app.db)
                return try j.requireID()
            }
            let running = try await job(.running, runner: "server")
            let queued = try await job(.queued, runner: "server")
            let finished = try await job(.succeeded, runner: "server")
            let cli = try await job(.running, runner: "cli:4242")
            #expect(try await JobRunner.markInterrupted(on: app.db) == 2)
            for id in [running, queued] {
                let j = try #require(try await Job.find(id, on: app.db))
                #expect(j.jobState == .failed && j.error == "服务重启，任务中断，未写入任何数据" && j.finishedAt != nil)
            }
            #expect(try await Job.find(finished, on: app.db)?.jobState == .succeeded)
            #expect(try await Job.find(cli, on: app.db)?.jobState == .running)
        }
    }

    @Test func aTownshipUserSeesOnlyTheJobsOfTheirTownship() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let county = try await app.jobs.submit(
                .init(kind: .rollGeneration, title: "生成花名册", actor: "county", townshipCode: nil) { _ in
                    JobResult(path: nil, summary: "完成")
                })
            let own = try await app.jobs.submit(
                .init(kind: .registerImport, title: "导入界岭镇名册", actor: "jieling", townshipCode: Fixtures.jieling) { _ in
                    JobResult(path: nil, summary: "完成")
                })
            await app.jobs.waitUntilIdle()
            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            #expect(try await jieling.get("/jobs/\(county)").status == .notFound)
            #expect(try await jieling.get("/jobs/\(county)/progress").status == .notFound)
            #expect(try await jieling.get("/jobs/\(own)").status == .ok)
            let list = try await jieling.get("/jobs").body.string
            #expect(list.contains("/jobs/\(own)") && !list.contains("/jobs/\(county)"))
            let anonymous = TestClient(app: app)
            #expect(try await anonymous.get("/jobs/\(own)/progress").status != .ok)
        }
    }
}
