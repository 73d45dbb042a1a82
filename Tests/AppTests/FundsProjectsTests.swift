import Fluent
import Foundation
import ResettleCore
import Testing
import Vapor

@testable import App

/// A county with one batch and projects taken through the real services to the stage a test needs.
enum FundsWorld {
    static func d(_ s: String) -> CivilDate { CivilDate(parsing: s)! }

    static func user(_ name: String, _ app: Application) async throws -> User {
        try #require(try await User.query(on: app.db).filter(\.$username == name).first())
    }

    static func batch(_ app: Application, amount: String = "500000.00", document: String = "湘移〔2022〕12号") async throws
        -> FundBatch
    {
        try await FundService(db: app.db, gate: app.writeGate, actor: "county").addBatch(
            .init(
                year: 2022, category: "第一批到县资金", document: document, receivedOn: d("2022-01-20"), level: .central,
                amountFen: try Money.parseYuan(amount), manager: .county, memo: ""))
    }

    static func proposal(_ name: String, planned: String, township: String = Fixtures.jieling) throws
        -> ProjectService.Proposal
    {
        ProjectService.Proposal(
            year: 2022, name: name, townshipCode: township,
            villageCode: township == Fixtures.jieling ? "430582101201" : "430582102201", kind: "基础设施（道路）",
            implementer: "村民委员会", beneficiaries: 120,
            planned: PlannedInvestment(resettlementFen: try Money.parseYuan(planned), selfRaisedFen: 0, otherFen: 0),
            scheduleStart: d("2022-04-01"), scheduleEnd: d("2022-10-31"), performanceTarget: "硬化道路：1.2公里",
            meetingOn: d("2022-03-01"), attendance: 45, decision: "同意修建组级公路", noticeStart: d("2022-03-02"),
            noticeEnd: d("2022-03-08"))
    }

    static func step(_ kind: ProjectStepKind, _ on: String, passed: Bool = true) -> ProjectStepInput {
        var s = ProjectStepInput(kind: kind, actedOn: d(on), opinion: "同意")
        s.passed = passed
        return s
    }

    /// A project of `planned` resettlement funds, approved at that amount, accepted at it.
    static func acceptedProject(
        _ app: Application, _ name: String, planned: String, township: String = Fixtures.jieling
    )
        async throws -> Project
    {
        let clerk = ProjectService(
            db: app.db, gate: app.writeGate,
            user: try await user(township == Fixtures.jieling ? "jieling" : "huochang", app))
        let leader = ProjectService(db: app.db, gate: app.writeGate, user: try await user("leader", app))
        let county = ProjectService(db: app.db, gate: app.writeGate, user: try await user("county", app))
        let p = try await clerk.propose(try proposal(name, planned: planned, township: township))
        let id = try p.requireID()
        _ = try await clerk.record(step(.submission, "2022-03-10"), projectID: id)
        var review = step(.preReview, "2022-03-20")
        review.teamLeader = "王主任"
        review.teamMembers = "财务股、项目股"
        _ = try await leader.record(review, projectID: id)
        var approval = step(.approval, "2022-04-10")
        approval.planDocument = "邵移〔2022〕8号"
        approval.approvedFen = try Money.parseYuan(planned)
        _ = try await county.record(approval, projectID: id)
        var start = step(.start, "2022-05-01")
        start.contract = "HT-2022-001"
        _ = try await clerk.record(start, projectID: id)
        var acceptance = step(.acceptance, "2022-10-20")
        acceptance.settledFen = try Money.parseYuan(planned)
        return try await clerk.record(acceptance, projectID: id)
    }

    static func arrange(_ app: Application, _ batch: FundBatch, _ project: Project, _ amount: String) async throws {
        _ = try await FundService(db: app.db, gate: app.writeGate, actor: "county").arrange(
            batchID: try batch.requireID(), projectID: try project.requireID(), amountFen: try Money.parseYuan(amount))
    }

    /// The database's sums (`FundsSummary.load`) and the per-project computation
    /// (`FundsPicture`) give the same figures.
    static func expectSameFigures(_ sql: FundsSummary, _ rows: FundsSummary) {
        #expect(sql.receivedFen == rows.receivedFen)
        #expect(sql.total == rows.total)
        #expect(sql.townships == rows.townships)
        #expect(sql.projectCount == rows.projectCount)
        #expect(sql.startRate == rows.startRate)
        #expect(sql.investmentCompletion == rows.investmentCompletion)
        #expect(sql.batches.map { [$0.batch.document: $0.money] } == rows.batches.map { [$0.batch.document: $0.money] })
    }

    static func payment(_ kind: DisbursementKind, _ amount: String, voucher: String) throws -> ProjectService.NewPayment
    {
        .init(
            kind: kind, voucher: voucher, payee: "界岭镇财政所", paidOn: d("2022-11-15"),
            amountFen: try Money.parseYuan(amount))
    }
}

@Suite("Funds and projects")
struct FundsProjectsTests {
    @Test("Routing at 99,999.99 / 100,000.00 / 100,000.01元: only the first is paid without the county's spot-check")
    func routingAtTheThreshold() async throws {
        try await withTestApp { app in
            // given three accepted projects around the 10万 line, each with its money arranged
            try await Fixtures.seed(app)
            let batch = try await FundsWorld.batch(app)
            let county = ProjectService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("county", app))
            var outcomes: [String: String] = [:]
            for (i, amount) in ["99999.99", "100000.00", "100000.01"].enumerated() {
                let p = try await FundsWorld.acceptedProject(app, "道路\(i)", planned: amount)
                try await FundsWorld.arrange(app, batch, p, amount)
                // when the final payment is recorded right after the township's acceptance
                do {
                    _ = try await county.pay(
                        try FundsWorld.payment(.final, amount, voucher: "PZ-\(i)"), projectID: try p.requireID())
                    outcomes[amount] = "paid"
                } catch let error as ResettleError {
                    outcomes[amount] = error.reason
                }
            }
            // then only the project under 100,000元 is paid; the others wait for the spot-check
            #expect(outcomes["99999.99"] == "paid")
            #expect(outcomes["100000.00"] == DisbursementError.beforeReview.message)
            #expect(outcomes["100000.01"] == DisbursementError.beforeReview.message)
            #expect(try await ProjectPayment.query(on: app.db).count() == 1)
        }
    }

    @Test("A batch is never arranged beyond what it holds, and the refusal writes nothing")
    func overArrangementRefused() async throws {
        try await withTestApp { app in
            // given a 500,000元 batch with 400,000元 arranged
            try await Fixtures.seed(app)
            let batch = try await FundsWorld.batch(app)
            let a = try await FundsWorld.acceptedProject(app, "甲", planned: "400000.00")
            let b = try await FundsWorld.acceptedProject(app, "乙", planned: "200000.00")
            try await FundsWorld.arrange(app, batch, a, "400000.00")
            let audit = try await AuditEntry.query(on: app.db).count()
            // when 100,000.01元 more is arranged through the page
            let client = TestClient(app: app)
            try await client.login("county")
            _ = try await client.get(FundsRoutes.batch(batch.id!))
            let refused = try await client.postForm(
                FundsRoutes.arrange.path(batch.id!), ["project": b.id!.uuidString, "amount": "100000.01"])
            // then it is refused with the figures, and nothing was written
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("尚可安排100000.00元"))
            #expect(try await FundArrangement.query(on: app.db).count() == 1)
            #expect(try await AuditEntry.query(on: app.db).count() == audit)
            // and exactly what is left is accepted
            let accepted = try await client.postForm(
                FundsRoutes.arrange.path(batch.id!), ["project": b.id!.uuidString, "amount": "100000.00"])
            #expect(accepted.status == .seeOther)
        }
    }

    @Test("Payments never go beyond the approved amount, nor beyond the money arranged")
    func paymentBeyondApprovalRefused() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let batch = try await FundsWorld.batch(app)
            let p = try await FundsWorld.acceptedProject(app, "水渠", planned: "80000.00")
            let clerk = ProjectService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("jieling", app))
            // nothing arranged yet: refused for the arrangement
            await #expect(throws: ResettleError.self) {
                _ = try await clerk.pay(try FundsWorld.payment(.final, "10.00", voucher: "PZ-0"), projectID: p.id!)
            }
            try await FundsWorld.arrange(app, batch, p, "90000.00")
            _ = try await clerk.pay(try FundsWorld.payment(.final, "79999.99", voucher: "PZ-1"), projectID: p.id!)
            // one fen past the approved 80,000.00元
            do {
                _ = try await clerk.pay(try FundsWorld.payment(.final, "0.02", voucher: "PZ-2"), projectID: p.id!)
                Issue.record("a payment beyond the approved amount was accepted")
            } catch let error as ResettleError {
                #expect(error.reason.contains("超过核定金额"))
            }
            // the same voucher twice is refused
            await #expect(throws: ResettleError.self) {
                _ = try await clerk.pay(try FundsWorld.payment(.final, "0.01", voucher: "PZ-1"), projectID: p.id!)
            }
            _ = try await clerk.pay(try FundsWorld.payment(.final, "0.01", voucher: "PZ-3"), projectID: p.id!)
            let paid = try await ProjectPayment.query(on: app.db).all().reduce(Int64(0)) { $0 + $1.amountFen }
            #expect(paid == 8_000_000)
        }
    }

    @Test("An open spot-check finding blocks payment until it is resolved")
    func findingBlocksPayment() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let batch = try await FundsWorld.batch(app)
            let p = try await FundsWorld.acceptedProject(app, "桥梁", planned: "150000.00")
            try await FundsWorld.arrange(app, batch, p, "150000.00")
            let county = ProjectService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("county", app))
            _ = try await county.record(FundsWorld.step(.spotCheck, "2022-11-01"), projectID: p.id!)
            let finding = try await county.raiseFinding("护栏未安装", on: FundsWorld.d("2022-11-02"), projectID: p.id!)
            do {
                _ = try await county.pay(try FundsWorld.payment(.final, "150000.00", voucher: "PZ-1"), projectID: p.id!)
                Issue.record("paid with an open finding")
            } catch let error as ResettleError {
                #expect(error.reason == DisbursementError.openFindings(1).message)
            }
            try await county.resolveFinding(
                finding.requireID(), resolution: "已补装护栏", on: FundsWorld.d("2022-11-10"), projectID: p.id!)
            _ = try await county.pay(try FundsWorld.payment(.final, "150000.00", voucher: "PZ-1"), projectID: p.id!)
            let closed = try await county.record(
                {
                    var h = FundsWorld.step(.handover, "2022-12-01")
                    h.assetOwner = "大丰村村民委员会"
                    h.upkeepBody = "大丰村"
                    h.upkeepRules = "村规民约"
                    return h
                }(), projectID: p.id!)
            #expect(closed.stageValue == .closed)
        }
    }

    @Test("A step out of order, or before the notice has run, is refused")
    func stepsOutOfOrder() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let clerk = ProjectService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("jieling", app))
            // a notice of four days is refused at the proposal
            var short = try FundsWorld.proposal("短公示", planned: "5000.00")
            short.noticeEnd = FundsWorld.d("2022-03-05")
            await #expect(throws: ResettleError.self) { _ = try await clerk.propose(short) }
            #expect(try await Project.query(on: app.db).count() == 0)
            let p = try await clerk.propose(try FundsWorld.proposal("道路", planned: "5000.00"))
            // submitted on the notice's last day
            do {
                _ = try await clerk.record(FundsWorld.step(.submission, "2022-03-08"), projectID: p.id!)
                Issue.record("submitted before the notice ended")
            } catch let error as ResettleError {
                #expect(error.reason.contains("期满后乡镇方可申报"))
            }
            // starting works before the county's pre-review
            do {
                _ = try await clerk.record(FundsWorld.step(.start, "2022-03-09"), projectID: p.id!)
                Issue.record("started out of order")
            } catch let error as ResettleError {
                #expect(error.status == .conflict)
                #expect(error.reason.contains("不能办理“开工”"))
            }
            // and the township may not take the county's step
            await #expect(throws: ResettleError.forbidden) {
                _ = try await clerk.record(FundsWorld.step(.approval, "2022-03-20"), projectID: p.id!)
            }
            #expect(try await ProjectStep.query(on: app.db).count() == 1)
        }
    }

    @Test("Township staff see and act on their own township's projects only; finance and discipline read all")
    func scoping() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let batch = try await FundsWorld.batch(app)
            let ours = try await FundsWorld.acceptedProject(app, "界岭道路", planned: "50000.00")
            let theirs = try await FundsWorld.acceptedProject(
                app, "火厂坪道路", planned: "60000.00", township: Fixtures.huochang)
            try await FundsWorld.arrange(app, batch, ours, "50000.00")
            let jieling = TestClient(app: app)
            try await jieling.login("jieling")
            #expect(try await jieling.get(ProjectRoutes.show(ours.id!)).status == .ok)
            #expect(try await jieling.get(ProjectRoutes.show(theirs.id!)).status == .notFound)
            #expect(try await jieling.get("/api/v1/projects/\(theirs.id!)").status == .notFound)
            #expect(
                try await jieling.postForm(
                    ProjectRoutes.pay.path(theirs.id!),
                    ["kind": "final", "voucher": "X", "payee": "火厂坪镇财政所", "paid_on": "2022-11-01", "amount": "1.00"]
                ).status == .notFound)
            // the township's overview is its own township page; another township's page is not found
            let overview = try await jieling.get(FundsRoutes.overview.path())
            #expect(overview.status == .seeOther)
            #expect(overview.headers.first(name: .location)?.contains(Fixtures.jieling) == true)
            #expect(try await jieling.get(FundsRoutes.township(Fixtures.huochang, year: 2022)).status == .notFound)
            let list = try await jieling.get(ProjectRoutes.list.path())
            #expect(list.body.string.contains("界岭道路") && !list.body.string.contains("火厂坪道路"))
            let api = try await jieling.get("/api/v1/funds?year=2022")
            #expect(!api.body.string.contains("湘移〔2022〕12号"))
            for reader in ["finance", "discipline"] {
                let client = TestClient(app: app)
                try await client.login(reader)
                #expect(try await client.get(ProjectRoutes.show(theirs.id!)).status == .ok)
                let page = try await client.get(FundsRoutes.overview(year: 2022))
                #expect(page.body.string.contains("湘移〔2022〕12号"))
                // read-only: no step form, and a posted step is refused
                #expect(!page.body.string.contains("登记到县资金"))
                let posted = try await client.postForm(
                    ProjectRoutes.step.path(ours.id!), ["kind": "handover", "acted_on": "2022-12-01"])
                #expect(posted.status == .forbidden)
                #expect(
                    try await client.postForm(
                        FundsRoutes.arrange.path(batch.id!), ["project": ours.id!.uuidString, "amount": "1.00"]
                    ).status == .forbidden)
            }
        }
    }

    @Test("The spot-check sample is recorded with its seed and draws the same again")
    func sampleReproducible() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            for i in 0..<10 { _ = try await FundsWorld.acceptedProject(app, "项目\(i)", planned: "120000.00") }
            let county = TestClient(app: app)
            try await county.login("county")
            _ = try await county.get(SpotCheckRoutes.list.path())
            for _ in 0..<2 {
                let drawn = try await county.postForm(
                    SpotCheckRoutes.draw.path(), ["year": "2022", "rate": "30", "seed": "20221101"])
                #expect(drawn.status == .seeOther)
            }
            let draws = try await SpotCheckDraw.query(on: app.db).all()
            #expect(draws.count == 2)
            #expect(draws[0].drawn.count == 3)
            #expect(draws[0].drawn == draws[1].drawn)
            let page = try await county.get(SpotCheckRoutes.list.path(query: [("year", "2022")]))
            #expect(page.body.string.components(separatedBy: "按同一种子重抽结果一致").count == 3)
            // a drawn project's page says so
            let code = try #require(draws[0].drawn.first)
            let project = try #require(try await Project.query(on: app.db).filter(\.$code == code).first())
            #expect(try await county.get(ProjectRoutes.show(project.id!)).body.string.contains("已被抽中县级抽查复核"))
        }
    }

    @Test("The overview sums batches, arrangements and payments, and flags a township holding too much")
    func overviewFigures() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let first = try await FundsWorld.batch(app, amount: "300000.00")
            let second = try await FundsWorld.batch(app, amount: "200000.00", document: "湘移〔2022〕38号")
            let paid = try await FundsWorld.acceptedProject(app, "已拨", planned: "90000.00")
            let held = try await FundsWorld.acceptedProject(
                app, "未拨", planned: "90000.00", township: Fixtures.huochang)
            try await FundsWorld.arrange(app, first, paid, "60000.00")
            try await FundsWorld.arrange(app, second, paid, "30000.00")
            try await FundsWorld.arrange(app, first, held, "90000.00")
            let clerk = ProjectService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("jieling", app))
            _ = try await clerk.pay(try FundsWorld.payment(.final, "75000.00", voucher: "PZ-1"), projectID: paid.id!)
            let picture = try await FundsPicture.load(year: 2022, scope: .everything, on: app.db)
            #expect(picture.summary.receivedFen == 50_000_000)
            #expect(picture.summary.total == .init(arrangedFen: 18_000_000, paidFen: 7_500_000))
            // the payment is counted against the first batch's arrangement before the second's
            let byDocument = Dictionary(
                uniqueKeysWithValues: picture.summary.batches.map { ($0.batch.document, $0.money) })
            #expect(byDocument["湘移〔2022〕12号"] == .init(arrangedFen: 15_000_000, paidFen: 6_000_000))
            #expect(byDocument["湘移〔2022〕38号"] == .init(arrangedFen: 3_000_000, paidFen: 1_500_000))
            let flagged = Dictionary(uniqueKeysWithValues: picture.summary.townships.map { ($0.code, $0.flagged) })
            #expect(flagged[Fixtures.jieling] == false)
            #expect(flagged[Fixtures.huochang] == true)
            FundsWorld.expectSameFigures(
                try await FundsSummary.load(year: 2022, scope: .everything, on: app.db), picture.summary)
            FundsWorld.expectSameFigures(
                try await FundsSummary.load(
                    year: 2022, scope: AccessScope(townshipCode: Fixtures.huochang), on: app.db),
                try await FundsPicture.load(year: 2022, scope: AccessScope(townshipCode: Fixtures.huochang), on: app.db)
                    .summary)
            let client = TestClient(app: app)
            try await client.login("leader")
            let page = try await client.get(FundsRoutes.overview(year: 2022)).body.string
            #expect(page.contains("50.00万元（2批）"))
            #expect(page.contains("结存偏多"))
        }
    }

    @Test(
        "A project walked through the pages: meeting, submission, pre-review, plan, works, acceptance, check, payment")
    func walkThroughThePages() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let batch = try await FundsWorld.batch(app)
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            _ = try await clerk.get(ProjectRoutes.new.path())
            let created = try await clerk.postForm(
                ProjectRoutes.create.path(),
                [
                    "year": "2022", "name": "大丰村组级公路硬化", "township": Fixtures.jieling, "village": "430582101201",
                    "kind": "基础设施（道路）", "implementer": "大丰村村民委员会", "beneficiaries": "210",
                    "planned_resettlement": "120000.00", "planned_self_raised": "5000", "planned_other": "0",
                    "schedule_start": "2022-04-01", "schedule_end": "2022-09-30", "performance_target": "硬化道路：1.5公里",
                    "meeting_on": "2022-03-01", "attendance": "52", "decision": "一事一议，同意硬化",
                    "notice_start": "2022-03-02", "notice_end": "2022-03-08",
                ])
            #expect(created.status == .seeOther)
            let project = try #require(try await Project.query(on: app.db).first())
            let url = ProjectRoutes.show(project.id!)
            let stepURL = ProjectRoutes.step.path(project.id!)
            func take(_ client: TestClient, _ fields: [String: String]) async throws {
                _ = try await client.get(url)
                let r = try await client.postForm(stepURL, fields)
                #expect(
                    r.status == .seeOther, "\(fields["kind"] ?? "") answered \(r.status): \(r.body.string.prefix(300))")
            }
            try await take(clerk, ["kind": "submission", "acted_on": "2022-03-10"])
            let leader = TestClient(app: app)
            try await leader.login("leader")
            try await take(
                leader,
                [
                    "kind": "preReview", "acted_on": "2022-03-20", "passed": "yes", "team_leader": "王主任",
                    "team_members": "财务股、项目股",
                ])
            let county = TestClient(app: app)
            try await county.login("county")
            try await take(
                county,
                ["kind": "approval", "acted_on": "2022-04-10", "plan_document": "邵移〔2022〕8号", "approved": "120000.00"])
            _ = try await county.get(FundsRoutes.batch(batch.id!))
            #expect(
                try await county.postForm(
                    FundsRoutes.arrange.path(batch.id!), ["project": project.id!.uuidString, "amount": "120000"]
                ).status == .seeOther)
            try await take(
                clerk, ["kind": "start", "acted_on": "2022-05-01", "contract": "HT-2022-018", "progress": "10"])
            try await take(clerk, ["kind": "progress", "acted_on": "2022-07-01", "progress": "60"])
            // progress never goes back
            _ = try await clerk.get(url)
            let backwards = try await clerk.postForm(
                stepURL, ["kind": "progress", "acted_on": "2022-07-02", "progress": "50"])
            #expect(backwards.status == .unprocessableEntity)
            try await take(
                clerk, ["kind": "acceptance", "acted_on": "2022-10-01", "settled": "118000.00", "retention": "3540.00"])
            // 120,000元 of resettlement funds: the township may not pay it, and the county waits for its check
            let page = try await clerk.get(url).body.string
            #expect(!page.contains("登记拨付"))
            _ = try await county.get(url)
            let early = try await county.postForm(
                ProjectRoutes.pay.path(project.id!),
                ["kind": "final", "voucher": "PZ-1", "payee": "界岭镇财政所", "paid_on": "2022-10-02", "amount": "1000"])
            #expect(early.status == .unprocessableEntity)
            try await take(county, ["kind": "spotCheck", "acted_on": "2022-10-15", "passed": "yes"])
            _ = try await county.get(url)
            let paid = try await county.postForm(
                ProjectRoutes.pay.path(project.id!),
                ["kind": "final", "voucher": "PZ-1", "payee": "界岭镇财政所", "paid_on": "2022-10-20", "amount": "114460.00"])
            #expect(paid.status == .seeOther)
            try await take(
                clerk,
                [
                    "kind": "handover", "acted_on": "2022-11-01", "asset_owner": "大丰村村民委员会", "upkeep_body": "大丰村",
                    "upkeep_rules": "村规民约",
                ])
            let after = try #require(try await Project.find(project.id!, on: app.db))
            #expect(after.stageValue == .closed)
            #expect(after.progressPercent == 100)
            // the page shows the whole history, and the API the same
            let history = try await leader.get(url).body.string
            for step in ["村民议事与公示", "乡镇申报", "县级事前预审", "列入年度计划", "开工", "进度报告", "乡镇验收", "县级抽查复核", "完工移交"] {
                #expect(history.contains(step), "the history lacks \(step)")
            }
            let api = try await leader.get("/api/v1/projects/\(project.id!)").body.string
            #expect(api.contains("\"stage\":\"closed\"") && api.contains("\"paid_fen\":11446000"))
            // and every write left an audit entry naming the project
            let entries = try await AuditEntry.query(on: app.db).filter(\.$entityID == project.code).count()
            #expect(entries == 11)
        }
    }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: UInt8(7), count: 2_000))

    @Test("The archive takes photos and PDFs only, within the size limit, and serves them to their township only")
    func attachments() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let p = try await FundsWorld.acceptedProject(app, "村道", planned: "30000.00")
            let clerk = TestClient(app: app)
            try await clerk.login("jieling")
            let url = ProjectRoutes.show(p.id!)
            let attach = ProjectRoutes.attach.path(p.id!)
            _ = try await clerk.get(url)
            // a photo is archived with its SHA-256
            let stored = try await clerk.postMultipart(
                attach, fields: [("document", "acceptanceReport")], fileField: "file", fileName: "验收照片.png",
                data: Self.png)
            #expect(stored.status == .seeOther)
            let attachment = try #require(try await ProjectAttachment.query(on: app.db).first())
            #expect(attachment.sha256 == Secrets.sha256Hex(Self.png))
            #expect(attachment.contentType == "image/png")
            // the bytes are under the data directory, named by their SHA-256; the database catalogues them
            let onDisk = app.fileStore.url(of: attachment.sha256)
            #expect(FileManager.default.contents(atPath: onDisk.path) == Self.png)
            #expect(try await ArchivedFile.find(attachment.fileID, on: app.db)?.content.isEmpty == true)
            // a file of one of the project's steps is shown on that step's row
            let acceptance = try #require(
                try await ProjectStep.query(on: app.db).filter(\.$projectID == p.id!)
                    .filter(\.$kind == ProjectStepKind.acceptance.rawValue).first())
            _ = try await clerk.get(url)
            #expect(
                try await clerk.postMultipart(
                    attach, fields: [("document", "acceptanceReport"), ("step", acceptance.id!.uuidString)],
                    fileField: "file", fileName: "验收现场.png", data: Self.png + Data([1])
                ).status == .seeOther)
            let steps = try await clerk.get(url).body.string
            #expect(steps.components(separatedBy: "id=\"project-steps\"")[1].contains("验收现场.png"))
            // another project's step is refused, and nothing is kept
            let otherProject = try await FundsWorld.acceptedProject(app, "另一村道", planned: "30000.00")
            let foreign = try #require(
                try await ProjectStep.query(on: app.db).filter(\.$projectID == otherProject.id!).first())
            _ = try await clerk.get(url)
            let wrongStep = try await clerk.postMultipart(
                attach, fields: [("document", "acceptanceReport"), ("step", foreign.id!.uuidString)],
                fileField: "file", fileName: "x.png", data: Self.png)
            #expect(wrongStep.status == .unprocessableEntity)
            #expect(wrongStep.body.string.contains("所选步骤不是本项目的办理记录"))
            #expect(try await ProjectAttachment.query(on: app.db).count() == 2)
            // a Word file named as a photo is refused for what it is
            _ = try await clerk.get(url)
            let word = try await clerk.postMultipart(
                attach, fields: [("document", "contract")], fileField: "file", fileName: "合同.jpg",
                data: Data("PK\u{3}\u{4}word/document.xml".utf8))
            #expect(word.status == .unprocessableEntity)
            #expect(word.body.string.contains("不是照片（JPG、PNG）或PDF文件"))
            // and a file above 20 MB is refused before it is kept
            _ = try await clerk.get(url)
            let large = try await clerk.postMultipart(
                attach, fields: [("document", "contract")], fileField: "file", fileName: "扫描.pdf",
                data: Data("%PDF-".utf8) + Data(count: AttachmentType.maxBytes + 1))
            #expect(large.status == .payloadTooLarge)
            #expect(try await ProjectAttachment.query(on: app.db).count() == 2)
            // the page's checklist shows what is there and what is missing
            let page = try await clerk.get(url).body.string
            #expect(page.contains("验收照片.png") && page.contains(">缺<"))
            let file = ProjectRoutes.attachment.path(p.id!, attachment.id!)
            let served = try await clerk.get(file)
            #expect(served.status == .ok && served.headers.contentType?.description == "image/png")
            #expect(Data(buffer: served.body) == Self.png)
            // another township's clerk finds neither the file nor the project; finance reads, never uploads
            let other = TestClient(app: app)
            try await other.login("huochang")
            #expect(try await other.get(file).status == .notFound)
            let finance = TestClient(app: app)
            try await finance.login("finance")
            #expect(try await finance.get(file).status == .ok)
            _ = try await finance.get(url)
            let refused = try await finance.postMultipart(
                attach, fields: [("document", "contract")], fileField: "file", fileName: "x.png", data: Self.png)
            #expect(refused.status == .forbidden)
            // a file changed on disk is refused, never served as the archived one
            try Data("tampered".utf8).write(to: onDisk)
            #expect(try await clerk.get(file).status == .conflict)
        }
    }

    @Test("A handed-over project records its tenants' rent; one not yet handed over cannot")
    func assetIncome() async throws {
        try await withTestApp { app in
            try await Fixtures.seed(app)
            let batch = try await FundsWorld.batch(app)
            let p = try await FundsWorld.acceptedProject(app, "厂房", planned: "90000.00")
            let county = TestClient(app: app)
            try await county.login("county")
            let url = ProjectRoutes.show(p.id!)
            _ = try await county.get(url)
            let fields = [
                "year": "2022", "tenant": "湘中农产品公司", "rent_due": "18000.00", "rent_received": "18000.00",
                "received_on": "2022-12-10",
            ]
            #expect(try await county.postForm(ProjectRoutes.recordIncome.path(p.id!), fields).status == .conflict)
            try await FundsWorld.arrange(app, batch, p, "90000.00")
            let clerk = ProjectService(db: app.db, gate: app.writeGate, user: try await FundsWorld.user("jieling", app))
            _ = try await clerk.pay(try FundsWorld.payment(.final, "90000.00", voucher: "PZ-1"), projectID: p.id!)
            var handover = FundsWorld.step(.handover, "2022-11-20")
            handover.assetOwner = "大丰村集体经济组织"
            handover.upkeepBody = "大丰村"
            handover.upkeepRules = "厂房管护制度"
            _ = try await clerk.record(handover, projectID: p.id!)
            _ = try await county.get(url)
            #expect(try await county.postForm(ProjectRoutes.recordIncome.path(p.id!), fields).status == .seeOther)
            let page = try await county.get(url).body.string
            #expect(page.contains("湘中农产品公司") && page.contains("18,000.00"))
            // township staff read the benefit and may not record it
            let township = TestClient(app: app)
            try await township.login("jieling")
            _ = try await township.get(url)
            #expect(try await township.postForm(ProjectRoutes.recordIncome.path(p.id!), fields).status == .forbidden)
        }
    }
}
