import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

@Suite("Demo data")
struct DemoDataTests {
    @Test func demoLoadsThroughTheRealImportersWith337ReductionsIn2022() async throws {
        try await withTestApp { app in
            // when (with enough people of working age for the 925 trainees)
            try await DemoLoader.load(app: app, people: 3_000, console: Terminal())
            // then
            var filter = ChangeFilter()
            filter.status = "approved"
            filter.kind = "reduction"
            filter.year = "2022"
            #expect(try await filter.build(app.db, scope: .everything).count() == 337)
            #expect(try await Person.query(on: app.db).count() >= 1_200)
            #expect(try await Region.query(on: app.db).filter(\.$name == "大丰村").count() == 1)
            #expect(try await Region.query(on: app.db).filter(\.$name == "金银村").count() == 1)
            #expect(try await Region.query(on: app.db).filter(\.$level == "township").count() == 25)
            #expect(try await AuditVerifier.verify(on: app.db).firstBroken == nil)
            let client = TestClient(app: app)
            try await client.login("admin", DemoLoader.password)
            let home = try await client.get("/")
            #expect(home.body.string.contains("reductions-2022"))
            // the 2022 petitions, entered step by step: 20 batches, 46 person-times, all closed
            let petitions = try await PetitionStatistics.load(
                from: CivilDate(year: 2022, month: 1, day: 1)!, to: CivilDate(year: 2022, month: 12, day: 31)!,
                townshipCode: nil, scope: .everything, on: app.db)
            #expect(petitions.tally.batches == 20)
            #expect(petitions.tally.personTimes == 46)
            #expect(petitions.tally.closureRateBasisPoints == 10000)
            #expect(petitions.tally.onTimeRateBasisPoints == 10000)
            #expect(
                Set(petitions.tally.byCategory.map(\.category)) == ["宅基地", "生产生活困难", "道路建设", "落户难", "后扶直补"])
            #expect(petitions.tally.repeats == 1 && petitions.tally.groupBatches == 2)
            let page = try await client.get(PetitionRoutes.statistics.path(query: [("year", "2022")])).body.string
            #expect(page.contains("接待信访20批46人次"))
            #expect(page.contains("办结率100%"))
            // the 2022 training: 925 people in four types, 550 person-times of short courses, 167.92万元
            let training = try await TrainingStatistics.load(year: 2022, townshipCode: nil, on: app.db)
            #expect(training.people == 925)
            #expect(training.shortCoursePersonTimes == 550)
            #expect(Money.wan(training.fundsFen) == "167.92")
            #expect(
                training.rows.filter { $0.people > 0 }.map { "\($0.type.name) \($0.people) \(Money.wan($0.fundsFen))" }
                    == [
                        "农业实用技术培训 500 4.04", "短期就业技能培训（家政服务） 36 10.80", "市统筹短期就业技能培训 14 3.08",
                        "中长期职业教育 375 150.00",
                    ])
            #expect(try await TrainingClass.query(on: app.db).filter(\.$name == "家政服务培训班（第一期）").first()?.quota == 30)
        }
    }

    @Test func demoFundsAndProjectsOf2022AreTheReportsFigures() async throws {
        try await withTestApp { app in
            // when the demo is loaded through the services
            try await DemoLoader.load(app: app, people: 1_200, console: Terminal())
            // then the year's picture is the 2022 report's
            let picture = try await FundsPicture.load(year: 2022, scope: .everything, on: app.db)
            #expect(Money.wan(picture.summary.receivedFen) == "7339.06")
            #expect(picture.summary.batches.count == 9)
            FundsWorld.expectSameFigures(
                try await FundsSummary.load(year: 2022, scope: .everything, on: app.db), picture.summary)
            #expect(picture.projects.count == 482)
            #expect(picture.projects.filter { $0.kind == "三峡后续" }.count == 11)
            let keyVillages = picture.projects.filter { $0.kind == "重点移民村" }
            #expect(keyVillages.map(\.village_code) == ["430582101201", "430582101202"])
            #expect(keyVillages.allSatisfy { $0.approved_fen == 210_000_000 })
            let park = try #require(picture.projects.first { $0.name == "邵东市移民产业创业园" })
            #expect(picture.projectMoney[park.id] == .init(arrangedFen: 1_000_000_000, paidFen: 1_000_000_000))
            let rent = try await ProjectIncome.query(on: app.db).filter(\.$projectID == park.id).all()
            #expect(rent.count == 3 && rent.allSatisfy { $0.rentReceivedFen == $0.rentDueFen })
            // every project's investment completed by the year's end
            #expect(picture.projects.allSatisfy { $0.stageValue.isAccepted && $0.progress_percent == 100 })
            #expect(picture.summary.investmentCompletion.part == picture.summary.investmentCompletion.whole)
            // some townships still hold money, and are flagged
            #expect(
                picture.summary.townships.filter(\.flagged).map(\.code).sorted()
                    == DemoFunds2022.holdingTownships.sorted())
            #expect(try await AuditVerifier.verify(on: app.db).firstBroken == nil)
            let client = TestClient(app: app)
            try await client.login("finance", DemoLoader.password)
            let page = try await client.get(FundsRoutes.overview(year: 2022)).body.string
            #expect(page.contains("7,339.06万元（9批）") || page.contains("7339.06万元（9批）"))
        }
    }

    @Test func demoRegisterIsDeterministic() {
        let a = DemoDataSet(people: 300).rows().map(\.idNumber)
        let b = DemoDataSet(people: 300).rows().map(\.idNumber)
        #expect(a == b)
        #expect(Set(a).count == a.count)
    }
}
